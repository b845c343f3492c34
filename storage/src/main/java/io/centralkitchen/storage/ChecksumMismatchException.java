package io.centralkitchen.storage;

/** The bytes read do not match the SHA-256 recorded when the object was stored: the object is corrupt. */
public class ChecksumMismatchException extends StorageException {

    private final String key;

    public ChecksumMismatchException(String key, String expected, String actual) {
        super("Object '" + key + "' is corrupt: its content has SHA-256 " + actual
                + " but " + expected + " was recorded when it was stored");
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
