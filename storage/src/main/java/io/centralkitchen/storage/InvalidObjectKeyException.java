package io.centralkitchen.storage;

/** An object key broke the key rules; nothing was read or written. */
public class InvalidObjectKeyException extends StorageException {

    private final String key;

    public InvalidObjectKeyException(String key, String reason) {
        super("Object key '" + key + "' is not allowed: " + reason);
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
