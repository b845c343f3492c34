package io.centralkitchen.media.ops;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegException;
import io.centralkitchen.media.ffmpeg.InputOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Probe and transcode agree on what is not a video: each bad input is refused by both as bad input, with the same
 * message, naming the input and nothing of the worker's own files; playlists and lists open nothing they point at.
 */
class BadInputAgreementTest {

    /** Low limits, so that "too large" (8K under 4K) and "too long" (2 h under 1 h) are cheap to make. */
    static final MediaLimits SMALL = MediaLimits.DEFAULTS.withMaxSize(256, 256);
    static final MediaLimits SHORT = MediaLimits.DEFAULTS.withMaxDuration(Duration.ofSeconds(5));

    @TempDir
    Path dir;
    ServerSocketChannel trap;
    Path otherFile;

    @BeforeEach
    void trap() throws Exception {
        trap = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        trap.configureBlocking(false);
        // a real video a list could point at; its access time is set before its modification time, so that any
        // read of it moves the access time (relatime)
        otherFile = Files.copy(TestMedia.make("four-seconds.mpegts", "mpegts", 4, 320, 180, 25, 25), dir.resolve("other.ts"));
        BasicFileAttributes attributes = Files.readAttributes(otherFile, BasicFileAttributes.class);
        Files.setAttribute(otherFile, "lastAccessTime", FileTime.from(attributes.lastModifiedTime().toInstant()
                .minus(Duration.ofDays(3))));
    }

    @AfterEach
    void close() throws Exception {
        trap.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty", "truncated", "picture", "sound-only", "too-large", "too-long", "hls-playlist",
            "hls-playlist.m3u8", "concat-list"})
    void probeAndTranscodeRefuseTheSameWay(String kind) throws Exception {
        Path input = make(kind);
        MediaLimits limits = kind.equals("too-long") ? SHORT : SMALL;
        FileTime otherAccessed = accessTime(otherFile);

        MediaInvalidException probed = catchThrowableOfType(MediaInvalidException.class, () -> Probe.probe(input, limits));
        MediaInvalidException transcoded = catchThrowableOfType(MediaInvalidException.class, () -> Transcode.run(input,
                TranscodeProfile.defaults().get("landscape-720p"), dir.resolve("work").resolve("rendition.mp4"),
                ProgressListener.NONE, limits));

        assertThat(probed).as("probe of %s", kind).isNotNull();
        assertThat(transcoded).as("transcode of %s", kind).isNotNull();
        assertThat(transcoded.getMessage()).isEqualTo(probed.getMessage());
        assertThat(probed.getMessage()).contains(expected(kind)).contains(input.getFileName().toString())
                .doesNotContain("rendition").doesNotContain(dir.toString());
        try (SocketChannel connected = trap.accept()) {
            assertThat(connected).as("a connection to the address in the list").isNull();
        }
        assertThat(accessTime(otherFile)).as("the file in the list was not read").isEqualTo(otherAccessed);
    }

    private String expected(String kind) {
        return switch (kind) {
            case "empty" -> "is empty (0 bytes)";
            case "truncated" -> "not readable as media";
            case "picture" -> "is not a video but a picture (piped png sequence, png_pipe)";
            case "sound-only" -> "has no video stream (found: audio)";
            case "too-large" -> "is 320x180, over the limit of 256x256";
            case "too-long" -> "lasts 0:00:12, over the limit of 0:00:05";
            case "hls-playlist", "hls-playlist.m3u8" -> "is not a video but an HLS playlist, a list of other files";
            case "concat-list" -> "is not a video but a concat list, a list of other files";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Path make(String kind) throws Exception {
        String trapUrl = "http://127.0.0.1:" + ((InetSocketAddress) trap.getLocalAddress()).getPort() + "/segment.ts";
        Path file = dir.resolve("supplier-" + kind + (kind.contains(".") ? "" : ".mp4"));
        switch (kind) {
            case "empty" -> Files.createFile(file);
            case "truncated" -> {
                byte[] whole = Files.readAllBytes(TestMedia.small("mp4"));
                Files.write(file, Arrays.copyOf(whole, whole.length / 2));
            }
            case "picture" -> ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
            case "sound-only" -> Files.copy(TestMedia.audioOnly(), file);
            case "too-large", "too-long" -> Files.copy(TestMedia.small("mp4"), file);
            case "hls-playlist", "hls-playlist.m3u8" -> Files.writeString(file, """
                    #EXTM3U
                    #EXT-X-VERSION:3
                    #EXT-X-TARGETDURATION:4
                    #EXT-X-MEDIA-SEQUENCE:0
                    #EXTINF:4.0,
                    %s
                    #EXTINF:4.0,
                    %s
                    #EXT-X-ENDLIST
                    """.formatted(otherFile.getFileName(), trapUrl));
            case "concat-list" -> Files.writeString(file, """
                    ffconcat version 1.0
                    file '%s'
                    """.formatted(otherFile.getFileName())); // the concat demuxer takes no URLs (safe mode)
            default -> throw new IllegalArgumentException(kind);
        }
        Files.createDirectories(dir.resolve("work"));
        return file;
    }

    private static FileTime accessTime(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).lastAccessTime();
    }

    /** The traps work: without the format whitelist, FFmpeg would read the file the list points at. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hls-playlist.m3u8", "concat-list"})
    void withoutTheFormatWhitelistTheListedFileWouldBeRead(String kind) throws Exception {
        Path list = make(kind);
        FileTime before = accessTime(otherFile);

        try (Demuxer opened = Demuxer.open(list, InputOptions.DEFAULT)) { // file protocol only, any format
            assertThat(opened.context().iformat().name().getString()).isIn("hls", "concat");
        } catch (FFmpegException e) {
            // the playlist's second entry (a URL) is refused; the first was read all the same
        }

        assertThat(accessTime(otherFile)).isGreaterThan(before);
    }
}
