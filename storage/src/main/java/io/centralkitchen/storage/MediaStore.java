package io.centralkitchen.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetObjectRetentionArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.minio.messages.ObjectLockConfiguration;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one face the rest of Central Kitchen uses for objects (media, evidence files, recordings, clips).
 * Talks S3 over HTTP through the MinIO client, to MinIO or any S3 in production and to the embedded S3 server
 * by default. Every object carries the SHA-256 of its content as user metadata; reads can verify it.
 * <p>
 * Thread-safe. Close it to release the HTTP client's threads.
 */
public final class MediaStore implements AutoCloseable {

    /** User-metadata name of the content checksum ({@code x-amz-meta-sha256} on the wire). */
    public static final String SHA256_METADATA = "sha256";

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final MinioClient client;
    private final MinioClient presigner;
    private final String endpoint;
    private final String bucket;
    private final long partSize;
    private final Path spoolDir;
    private final Set<String> knownBuckets;
    private final boolean ownsClients;
    private final AtomicReference<DeleteGuard> deleteGuard;

    private MediaStore(MinioClient client, MinioClient presigner, String endpoint, String bucket, long partSize,
                       Path spoolDir, Set<String> knownBuckets, boolean ownsClients, AtomicReference<DeleteGuard> deleteGuard) {
        this.deleteGuard = deleteGuard;
        this.client = client;
        this.presigner = presigner;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.partSize = partSize;
        this.spoolDir = spoolDir;
        this.knownBuckets = knownBuckets;
        this.ownsClients = ownsClients;
    }

    /** A store for {@code bucket} on the given S3 endpoint. */
    public static MediaStore connect(StorageSettings settings) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(true)
                .build();
        MinioClient client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true)
                .build();
        MinioClient presigner = client;
        if (settings.publicEndpoint() != null && !settings.publicEndpoint().isBlank()
                && !settings.publicEndpoint().equals(settings.endpoint())) {
            // Presigned URLs are signed for the host that will be asked; signing needs no network call.
            presigner = MinioClient.builder()
                    .endpoint(settings.publicEndpoint())
                    .region(settings.region())
                    .credentials(settings.accessKey(), settings.secretKey())
                    .httpClient(http, false)
                    .build();
        }
        try {
            Files.createDirectories(settings.spoolDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the storage spool directory " + settings.spoolDir(), e);
        }
        return new MediaStore(client, presigner, settings.endpoint(), settings.bucket(), settings.partSize(),
                settings.spoolDir(), ConcurrentHashMap.newKeySet(), true, new AtomicReference<>(DeleteGuard.NONE));
    }

    /** The same store working on another bucket (created on first write). Closing it closes nothing. */
    public MediaStore withBucket(String otherBucket) {
        return new MediaStore(client, presigner, endpoint, otherBucket, partSize, spoolDir, knownBuckets, false, deleteGuard);
    }

    public String bucket() {
        return bucket;
    }

    /** The S3 endpoint this store talks to (no credentials in it). */
    public String endpoint() {
        return endpoint;
    }

    // ---------------------------------------------------------------- write

    /** Stores a file. The checksum is computed first so the object appears complete, with its metadata, at once. */
    public StoredObject put(String key, Path file, String contentType) {
        ObjectKeys.validate(key);
        try {
            long size = Files.size(file);
            String sha256;
            try (InputStream in = Files.newInputStream(file)) {
                sha256 = Sha256.of(in);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return upload(key, in, size, sha256, contentType, Map.of());
            }
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + " to store it as '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * Stores a stream of unknown length. The stream is spooled to a local temporary file while its checksum is
     * computed, then uploaded (multipart when large); nothing is visible in the store until the upload is complete.
     */
    public StoredObject put(String key, InputStream content, String contentType) {
        return put(key, content, contentType, Map.of());
    }

    /** As {@link #put(String, InputStream, String)}, with extra user metadata. */
    public StoredObject put(String key, InputStream content, String contentType, Map<String, String> metadata) {
        ObjectKeys.validate(key);
        Path spool = null;
        try {
            spool = Files.createTempFile(spoolDir, "upload-", ".part");
            String sha256;
            try (OutputStream out = Files.newOutputStream(spool)) {
                sha256 = Sha256.copy(content, out);
            }
            try (InputStream in = Files.newInputStream(spool)) {
                return upload(key, in, Files.size(spool), sha256, contentType, metadata);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot store '" + key + "': " + e.getMessage(), e);
        } finally {
            deleteQuietly(spool);
        }
    }

    /** Stores a small in-memory object (manifests, indexes, JSON). */
    public StoredObject put(String key, byte[] content, String contentType) {
        ObjectKeys.validate(key);
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            return upload(key, in, content.length, Sha256.of(content), contentType, Map.of());
        } catch (IOException e) {
            throw new StorageException("Cannot store '" + key + "': " + e.getMessage(), e);
        }
    }

    private StoredObject upload(String key, InputStream in, long size, String sha256, String contentType,
                                Map<String, String> metadata) {
        // writing over an object removes its content as much as deleting it does
        deleteGuard.get().checkDelete(bucket, key);
        ensureBucket();
        Map<String, String> userMetadata = new java.util.HashMap<>(metadata);
        userMetadata.put(SHA256_METADATA, sha256);
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        return call("store", key, () -> {
            var response = client.putObject(PutObjectArgs.builder()
                    .bucket(bucket).object(key)
                    // the configured part size: one PUT up to it (-1 would let the client cut anything over 5 MiB)
                    .stream(in, size, partSize)
                    .contentType(type)
                    .userMetadata(userMetadata)
                    .build());
            return new StoredObject(bucket, key, size, sha256, type, null, unquote(response.etag()));
        });
    }

    // ---------------------------------------------------------------- read

    /** The whole object, unverified (cheapest). The caller closes the stream. */
    public InputStream get(String key) {
        ObjectKeys.validate(key);
        return call("read", key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /**
     * The whole object; when the stream reaches its end, the content is checked against the recorded SHA-256 and a
     * mismatch throws {@link ChecksumMismatchException} (from {@code read}) naming the key.
     */
    public InputStream getVerified(String key) {
        StoredObject info = stat(key);
        InputStream raw = get(key);
        if (info.sha256() == null) {
            return raw;
        }
        return new VerifyingInputStream(raw, key, info.sha256());
    }

    /** {@code length} bytes starting at {@code offset} (fewer at the end of the object). */
    public InputStream getRange(String key, long offset, long length) {
        ObjectKeys.validate(key);
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("Byte range of '" + key + "' must have offset >= 0 and length > 0, got offset="
                    + offset + " length=" + length);
        }
        return call("read a range of", key, () -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket).object(key).offset(offset).length(length).build()));
    }

    /**
     * Copies the object to a local file, verifying its checksum; the file is only in place when it is correct. One
     * request: the GET's answer carries the object's metadata (its recorded SHA-256) with the content it belongs to.
     */
    public StoredObject download(String key, Path target) {
        ObjectKeys.validate(key);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            StoredObject info;
            try (GetObjectResponse in = call("read", key, () -> client.getObject(GetObjectArgs.builder()
                    .bucket(bucket).object(key).build()));
                 OutputStream out = Files.newOutputStream(partial)) {
                info = toStoredObject(key, in.headers());
                String actual = Sha256.copy(in, out);
                if (info.sha256() != null && !info.sha256().equals(actual)) {
                    throw new ChecksumMismatchException(key, info.sha256(), actual);
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return info;
        } catch (IOException e) {
            throw new StorageException("Cannot download '" + key + "' to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Reads the whole object and checks it against its recorded SHA-256. */
    public StoredObject verify(String key) {
        StoredObject info = stat(key);
        if (info.sha256() == null) {
            throw new StorageException("Object '" + key + "' has no recorded SHA-256; it was not written by Central Kitchen");
        }
        try (InputStream in = get(key)) {
            String actual = Sha256.of(in);
            if (!info.sha256().equals(actual)) {
                throw new ChecksumMismatchException(key, info.sha256(), actual);
            }
            return info;
        } catch (IOException e) {
            throw new StorageException("Cannot verify '" + key + "': " + e.getMessage(), e);
        }
    }

    /** Metadata of an object; {@link ObjectNotFoundException} when it does not exist. */
    public StoredObject stat(String key) {
        return find(key).orElseThrow(() -> new ObjectNotFoundException(bucket, key));
    }

    public Optional<StoredObject> find(String key) {
        ObjectKeys.validate(key);
        try {
            return Optional.of(call("inspect", key, () -> toStoredObject(
                    client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()))));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        return find(key).isPresent();
    }

    /** Objects whose key starts with {@code prefix}, recursively, in key order (without their checksums). */
    public List<StoredObject> list(String prefix) {
        String p = ObjectKeys.validatePrefix(prefix);
        if (!bucketExists()) {
            return List.of();
        }
        return call("list", p, () -> {
            List<StoredObject> out = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(p).recursive(true).build())) {
                Item item = result.get();
                if (item.isDir() || item.objectName().endsWith("/")) {
                    continue; // folder markers of filesystem-backed stores are not objects
                }
                out.add(new StoredObject(bucket, item.objectName(), item.size(), null, null,
                        item.lastModified() == null ? null : item.lastModified().toInstant(), unquote(item.etag())));
            }
            return out;
        });
    }

    /**
     * Deletes an object; deleting a missing object is not an error (idempotent). An object the {@link DeleteGuard} keeps
     * (archived evidence under retention) is refused with {@link RetainedObjectException}.
     */
    public void delete(String key) {
        ObjectKeys.validate(key);
        deleteGuard.get().checkDelete(bucket, key);
        if (!bucketExists()) {
            return;
        }
        call("delete", key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Sets the guard every delete of this store (and of its other buckets) consults first. */
    public void guardDeletes(DeleteGuard guard) {
        deleteGuard.set(guard == null ? DeleteGuard.NONE : guard);
    }

    /**
     * Whether the bucket has S3 Object Lock enabled, so that {@link #retain} is enforced by the store itself. False for
     * stores without the feature (the embedded filesystem store) or a bucket created without it.
     */
    public boolean objectLockEnabled() {
        try {
            ensureBucket();
            ObjectLockConfiguration config = client.getObjectLockConfiguration(
                    GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
            return config != null;
        } catch (Exception e) {
            log.debug("Bucket '{}' has no object lock: {}", bucket, e.toString());
            return false;
        }
    }

    /** Puts the object under COMPLIANCE-mode retention until {@code until}: nobody can delete or overwrite it before. */
    public void retain(String key, Instant until) {
        ObjectKeys.validate(key);
        call("set the retention of", key, () -> {
            client.setObjectRetention(SetObjectRetentionArgs.builder().bucket(bucket).object(key)
                    .config(new Retention(RetentionMode.COMPLIANCE, until.atZone(ZoneOffset.UTC))).build());
            return null;
        });
    }

    /** A URL anyone holding it may GET until it expires (max 7 days, the S3 limit). */
    public URI presignedGet(String key, Duration expiry) {
        ObjectKeys.validate(key);
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("A presigned URL expiry must be between 1 second and 7 days, got " + expiry);
        }
        return call("sign a URL for", key, () -> URI.create(presigner.getPresignedObjectUrl(
                GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(bucket).object(key)
                        .expiry((int) expiry.toSeconds()).build())));
    }

    /** A cheap round trip to the store, for health checks: true when it answers. */
    public boolean ping() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
            return true;
        } catch (Exception e) {
            log.debug("Object store did not answer: {}", e.toString());
            return false;
        }
    }

    // ---------------------------------------------------------------- internals

    private boolean bucketExists() {
        if (knownBuckets.contains(bucket)) {
            return true;
        }
        boolean exists = call("check bucket", bucket, () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        if (exists) {
            knownBuckets.add(bucket);
        }
        return exists;
    }

    private void ensureBucket() {
        if (bucketExists()) {
            return;
        }
        call("create bucket", bucket, () -> {
            try {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                log.info("Created bucket '{}'", bucket);
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                    throw e;
                }
            }
            return null;
        });
        knownBuckets.add(bucket);
    }

    /** What a GET's answer tells of the object: the same as {@link #stat}, from the headers S3 sends with the content. */
    private StoredObject toStoredObject(String key, Headers headers) {
        String length = headers.get("Content-Length");
        String etag = headers.get("ETag");
        Instant lastModified = headers.getInstant("Last-Modified");
        return new StoredObject(bucket, key, length == null ? -1 : Long.parseLong(length),
                headers.get("x-amz-meta-" + SHA256_METADATA), headers.get("Content-Type"), lastModified, unquote(etag));
    }

    private StoredObject toStoredObject(StatObjectResponse stat) {
        Map<String, String> meta = stat.userMetadata();
        String sha = null;
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().equalsIgnoreCase(SHA256_METADATA)) {
                sha = e.getValue();
            }
        }
        return new StoredObject(bucket, stat.object(), stat.size(), sha, stat.contentType(),
                stat.lastModified() == null ? null : stat.lastModified().toInstant(), unquote(stat.etag()));
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String action, String key, S3Call<T> s3Call) {
        try {
            return s3Call.run();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code)) {
                throw new ObjectNotFoundException(bucket, key);
            }
            throw new StorageException("Cannot " + action + " '" + key + "' in bucket '" + bucket + "': the store answered "
                    + code + " (" + e.errorResponse().message() + ")", e);
        } catch (StorageException e) {
            throw e;
        } catch (IOException e) {
            throw new StorageException("Cannot " + action + " '" + key + "': the object store at " + endpoint
                    + " is unreachable or broke the connection (" + e.getMessage() + ")", e);
        } catch (Exception e) {
            throw new StorageException("Cannot " + action + " '" + key + "': " + e, e);
        }
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete temporary file {}: {}", path, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        if (!ownsClients) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            log.debug("Closing the S3 client: {}", e.toString());
        }
    }
}
