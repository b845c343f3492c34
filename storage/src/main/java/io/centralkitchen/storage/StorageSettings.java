package io.centralkitchen.storage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the object store. Built from configuration ({@link StorageProperties}) or by hand in tools.
 *
 * @param publicEndpoint endpoint put into presigned URLs when clients reach the store under another name; may be null
 * @param spoolDir       local directory for streams of unknown length while their checksum is computed
 */
public record StorageSettings(String endpoint, String publicEndpoint, String region, String accessKey, String secretKey,
                              String bucket, long partSize, Path spoolDir, Duration connectTimeout, Duration readTimeout) {

    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public StorageSettings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("The object store endpoint is not set (kitchen.storage.endpoint)");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("The bucket is not set (kitchen.storage.bucket)");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("kitchen.storage.part-size must be at least 5 MiB (S3 minimum), got " + partSize);
        }
        region = region == null || region.isBlank() ? "us-east-1" : region;
    }

    /** Settings for the given endpoint and credentials with defaults for everything else. */
    public static StorageSettings of(String endpoint, String accessKey, String secretKey, String bucket, Path spoolDir) {
        return new StorageSettings(endpoint, null, null, accessKey, secretKey, bucket, 16L * 1024 * 1024, spoolDir,
                Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** Never print the secret key. */
    @Override
    public String toString() {
        return "StorageSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + Secrets.mask(accessKey)
                + ", secretKey=" + Secrets.mask(secretKey) + "]";
    }
}
