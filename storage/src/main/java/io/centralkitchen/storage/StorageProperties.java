package io.centralkitchen.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code kitchen.storage.*}. With no endpoint, the embedded S3 server is started under
 * {@code kitchen.data-dir}/objects; with an endpoint (MinIO, any S3), it is used as is.
 */
@ConfigurationProperties("kitchen.storage")
public class StorageProperties {

    /** S3 endpoint, e.g. http://minio:9000. Empty: start the embedded S3 server. */
    private String endpoint = "";
    /** Endpoint written into presigned URLs when clients reach the store under another name. */
    private String publicEndpoint = "";
    private String region = "us-east-1";
    private String accessKey = "";
    private String secretKey = "";
    private String bucket = "central-kitchen";
    /** Multipart part size for large objects (S3 minimum 5 MiB). */
    private long partSize = 16L * 1024 * 1024;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofMinutes(5);
    private final Embedded embedded = new Embedded();

    public static class Embedded {
        /** Port of the embedded S3 server on 127.0.0.1; 0 picks a free one. */
        private int port = 0;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    public boolean isEmbedded() {
        return endpoint == null || endpoint.isBlank();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getPublicEndpoint() {
        return publicEndpoint;
    }

    public void setPublicEndpoint(String publicEndpoint) {
        this.publicEndpoint = publicEndpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public long getPartSize() {
        return partSize;
    }

    public void setPartSize(long partSize) {
        this.partSize = partSize;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Embedded getEmbedded() {
        return embedded;
    }
}
