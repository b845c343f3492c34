package io.centralkitchen.routes.webhook;

/** A webhook answered with an error status; nothing of it was stored. {@code field} names the bad field for 400s. */
public class WebhookRefusedException extends RuntimeException {

    private final int status;
    private final String field;

    public WebhookRefusedException(int status, String message) {
        this(status, null, message);
    }

    public WebhookRefusedException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static WebhookRefusedException malformed(String field, String problem) {
        return new WebhookRefusedException(400, field, "'" + field + "' " + problem);
    }

    /** For a log line: what a sender wrote (quoted in messages) never starts a line of its own. */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "?");
    }
}
