package io.centralkitchen.storage;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A real S3 server (S3Proxy over a filesystem backend) for the embedded default: bound to 127.0.0.1 only, on a free or
 * configured port, with credentials generated at each start. The MinIO client talks to it over HTTP exactly as it
 * talks to MinIO in production.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path baseDir;
    private final String accessKey;
    private final String secretKey;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private EmbeddedS3Server(Path baseDir, int port) throws Exception {
        this.baseDir = baseDir;
        this.accessKey = "kitchen-" + randomHex(8);
        this.secretKey = randomHex(24);
        Files.createDirectories(baseDir);
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
        this.context = ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
    }

    /**
     * Starts a server keeping its buckets as directories under {@code baseDir}.
     *
     * @param port 0 for a free port
     */
    public static EmbeddedS3Server start(Path baseDir, int port) {
        try {
            EmbeddedS3Server server = new EmbeddedS3Server(baseDir, port);
            log.info("Embedded S3 server listening on {} with objects under {}", server.endpoint(), baseDir.toAbsolutePath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded S3 directory " + baseDir, e);
        } catch (Exception e) {
            throw new StorageException("Cannot start the embedded S3 server on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public int port() {
        return proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("Stopping the embedded S3 server: {}", e.toString());
        } finally {
            context.close();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
