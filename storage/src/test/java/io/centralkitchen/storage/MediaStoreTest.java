package io.centralkitchen.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MediaStore against the embedded S3 server, over real HTTP. */
class MediaStoreTest {

    @TempDir
    static Path dir;
    static EmbeddedS3Server server;
    static MediaStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedS3Server.start(dir.resolve("objects"), 0);
        store = MediaStore.connect(new StorageSettings(server.endpoint(), null, null, server.accessKey(),
                server.secretKey(), "test-bucket", StorageSettings.MIN_PART_SIZE, dir.resolve("spool"),
                Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    @Test
    void roundTripKeepsContentAndRecordsItsChecksum() throws IOException {
        byte[] content = "本地农产品 — evidence".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = store.put("station-1/evidence/1/licence.pdf", new ByteArrayInputStream(content), "application/pdf");

        assertThat(stored.sha256()).isEqualTo(Sha256.of(content));
        StoredObject stat = store.stat("station-1/evidence/1/licence.pdf");
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.sha256()).isEqualTo(Sha256.of(content));
        assertThat(stat.contentType()).isEqualTo("application/pdf");
        try (InputStream in = store.getVerified("station-1/evidence/1/licence.pdf")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void largeStreamOfUnknownLengthIsUploadedInPartsAndVerifies() throws IOException {
        byte[] content = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(content);

        StoredObject stored = store.put("station-1/recordings/big.bin", new ByteArrayInputStream(content), null);

        // A multipart upload's ETag is "<md5 of part md5s>-<part count>"; 20 MiB in 5 MiB parts is 4 parts.
        assertThat(stored.etag()).endsWith("-4");
        assertThat(store.verify("station-1/recordings/big.bin").size()).isEqualTo(content.length);
        try (InputStream in = store.getVerified("station-1/recordings/big.bin")) {
            assertThat(Sha256.of(in)).isEqualTo(Sha256.of(content));
        }
    }

    @Test
    void aFileUpToThePartSizeIsStoredInOnePut() throws IOException {
        byte[] content = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("clip.mp4"), content);

        try (MediaStore largeParts = MediaStore.connect(new StorageSettings(server.endpoint(), null, null, server.accessKey(),
                server.secretKey(), "test-bucket", 8L * 1024 * 1024, dir.resolve("spool"), Duration.ofSeconds(5),
                Duration.ofSeconds(30)))) {
            StoredObject stored = largeParts.put("station-1/clips/one-put.mp4", file, "video/mp4");

            // a single PUT's ETag is the content's MD5, without the "-<part count>" of a multipart upload
            assertThat(stored.etag()).doesNotContain("-");
            assertThat(largeParts.verify("station-1/clips/one-put.mp4").size()).isEqualTo(content.length);
        }
    }

    @Test
    void aDownloadIsVerifiedAndTellsWhatStatTells() throws IOException {
        byte[] content = "a recording segment".getBytes(StandardCharsets.UTF_8);
        store.put("station-1/recording/seg-00001.ts", content, "video/mp2t");

        StoredObject downloaded = store.download("station-1/recording/seg-00001.ts", dir.resolve("download/seg-00001.ts"));

        assertThat(Files.readAllBytes(dir.resolve("download/seg-00001.ts"))).isEqualTo(content);
        StoredObject stat = store.stat("station-1/recording/seg-00001.ts");
        assertThat(downloaded).usingRecursiveComparison().ignoringFields("lastModified").isEqualTo(stat);
        assertThat(downloaded.sha256()).isEqualTo(Sha256.of(content));
        assertThat(Duration.between(stat.lastModified(), downloaded.lastModified()).abs()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void byteRangeReturnsExactlyThoseBytes() throws IOException {
        byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        store.put("station-1/range.txt", content, "text/plain");

        try (InputStream in = store.getRange("station-1/range.txt", 10, 5)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
        }
    }

    @Test
    void presignedUrlIsFetchedByAPlainHttpClientAndATamperedOneIsRefused() throws Exception {
        byte[] content = "teaser preview".getBytes(StandardCharsets.UTF_8);
        store.put("station-1/teasers/show-7.txt", content, "text/plain");
        URI url = store.presignedGet("station-1/teasers/show-7.txt", Duration.ofMinutes(5));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String tampered = url.toString().replaceFirst("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=x");
        HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(tampered))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(content);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void corruptedObjectIsDetectedByChecksumAndNamed() throws IOException {
        String key = "station-1/clips/corrupt.mp4";
        store.put(key, "original clip bytes".getBytes(StandardCharsets.UTF_8), "video/mp4");
        // Flip the bytes behind the server's back, as a failing disk would.
        Path onDisk = server.baseDir().resolve(store.bucket()).resolve(key);
        Files.write(onDisk, "tampered clip bytes".getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);

        assertThatThrownBy(() -> store.verify(key))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(key);
        assertThatThrownBy(() -> {
            try (InputStream in = store.getVerified(key)) {
                in.readAllBytes();
            }
        }).isInstanceOf(ChecksumMismatchException.class).hasMessageContaining(key);
        Path target = dir.resolve("download/corrupt.mp4");
        assertThatThrownBy(() -> store.download(key, target)).isInstanceOf(ChecksumMismatchException.class);
        assertThat(target).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.txt", "station-1/../../etc/passwd", "/absolute.txt", "bad\u0001key",
            "a//b", "back\\slash", "folder/", ""})
    void rejectedKeysWriteNothing(String key) {
        MediaStore other = store.withBucket("rejected-keys");

        assertThatThrownBy(() -> other.put(key, new byte[]{1}, null))
                .isInstanceOf(InvalidObjectKeyException.class).hasMessageContaining("is not allowed");
        assertThat(other.list("")).isEmpty();
    }

    @Test
    void overlongKeyIsRejected() {
        String key = "station-1/" + "x".repeat(ObjectKeys.MAX_KEY_BYTES);
        assertThatThrownBy(() -> store.put(key, new byte[]{1}, null))
                .isInstanceOf(InvalidObjectKeyException.class).hasMessageContaining("longer than 1024 bytes");
    }

    @Test
    void listByPrefixDeleteAndMissingObjects() {
        store.put("station-2/list/a.txt", new byte[]{1}, "text/plain");
        store.put("station-2/list/sub/b.txt", new byte[]{2}, "text/plain");
        store.put("station-2/other/c.txt", new byte[]{3}, "text/plain");

        assertThat(store.list("station-2/list/")).extracting(StoredObject::key)
                .containsExactly("station-2/list/a.txt", "station-2/list/sub/b.txt");

        store.delete("station-2/list/a.txt");
        store.delete("station-2/list/a.txt");
        assertThat(store.exists("station-2/list/a.txt")).isFalse();
        assertThatThrownBy(() -> store.stat("station-2/list/a.txt"))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("station-2/list/a.txt");
    }

    @Test
    void putOverwritesSoRetriesDoNotDuplicate() {
        store.put("station-1/shows/9/clip.mp4", new byte[]{1, 2}, "video/mp4");
        store.put("station-1/shows/9/clip.mp4", new byte[]{3, 4, 5}, "video/mp4");

        assertThat(store.list("station-1/shows/9/")).hasSize(1);
        assertThat(store.stat("station-1/shows/9/clip.mp4").sha256()).isEqualTo(Sha256.of(new byte[]{3, 4, 5}));
    }

    @Test
    void unreachableStoreIsATransientErrorNamingTheEndpoint() {
        try (MediaStore down = MediaStore.connect(new StorageSettings("http://127.0.0.1:1", null, null, "a", "b",
                "x-bucket", StorageSettings.MIN_PART_SIZE, dir.resolve("spool2"), Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
            assertThat(down.ping()).isFalse();
            assertThatThrownBy(() -> down.put("k.txt", new byte[]{1}, null))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("127.0.0.1:1")
                    .matches(e -> ((StorageException) e).isTransient());
        }
    }
}
