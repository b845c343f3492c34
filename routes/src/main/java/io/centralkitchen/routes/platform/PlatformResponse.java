package io.centralkitchen.routes.platform;

/** A platform's answer: HTTP status and body (a refusal is an answer too; only transient failures are exceptions). */
public record PlatformResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body shortened for messages (incidents, BPMN errors, logs). */
    public String excerpt() {
        return excerpt(body);
    }

    public static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "…";
    }
}
