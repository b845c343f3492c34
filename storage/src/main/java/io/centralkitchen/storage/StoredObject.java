package io.centralkitchen.storage;

import java.time.Instant;

/**
 * What the store knows of one object.
 *
 * @param sha256 hex SHA-256 of the content, recorded at write time; null for objects written by other tools
 */
public record StoredObject(String bucket, String key, long size, String sha256, String contentType,
                           Instant lastModified, String etag) {
}
