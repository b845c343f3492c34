package io.centralkitchen.storage;

/** A storage operation failed. Messages name the object key so an operator can find it. */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when retrying later may succeed (the store was unreachable or answered with a server error), as opposed to
     * a request that can never succeed (bad key, missing object, checksum mismatch).
     */
    public boolean isTransient() {
        return true;
    }
}
