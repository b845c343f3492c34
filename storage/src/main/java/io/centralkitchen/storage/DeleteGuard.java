package io.centralkitchen.storage;

/**
 * Consulted by {@link MediaStore#delete} before an object is removed, and by every {@code put} before an object is
 * written over: the application says which objects it must keep (archived evidence under retention) by throwing
 * {@link RetainedObjectException}. Stores without S3 Object Lock rely on it alone; stores with it refuse such deletes
 * themselves as well.
 */
@FunctionalInterface
public interface DeleteGuard {

    DeleteGuard NONE = (bucket, key) -> {
    };

    /** Throws {@link RetainedObjectException} when {@code key} must not be deleted now. */
    void checkDelete(String bucket, String key);
}
