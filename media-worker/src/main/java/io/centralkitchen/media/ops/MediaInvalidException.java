package io.centralkitchen.media.ops;

/**
 * The input cannot be worked on as asked — a corrupt or truncated file, no video stream, not media at all, a time
 * range outside the media — and retrying will not change that. The message says what is wrong and what to do; the
 * worker raises it as BPMN error {@code MEDIA_INVALID}.
 */
public class MediaInvalidException extends RuntimeException {

    public MediaInvalidException(String message) {
        super(message);
    }

    public MediaInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
