package io.centralkitchen.storage;

/** The object does not exist in the bucket. */
public class ObjectNotFoundException extends StorageException {

    private final String key;

    public ObjectNotFoundException(String bucket, String key) {
        super("Object '" + key + "' does not exist in bucket '" + bucket + "'");
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
