package io.centralkitchen.storage;

import java.time.Instant;

/** A delete refused: the object is archived and must be kept until {@link #retainUntil()}. */
public class RetainedObjectException extends StorageException {

    private final String key;
    private final Instant retainUntil;

    public RetainedObjectException(String key, Instant retainUntil) {
        super("Object '" + key + "' is archived evidence and is retained until " + retainUntil + ": it cannot be deleted before then");
        this.key = key;
        this.retainUntil = retainUntil;
    }

    public String key() {
        return key;
    }

    public Instant retainUntil() {
        return retainUntil;
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
