package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timecode survives the live encoder: pictures of the test pattern carrying a timecode go through the real x264
 * (live settings, a 720p preset's bitrate) and the real decoder, and the reader gets every timecode back exactly — also
 * from a copy scaled down to 640x360 — and nothing from a picture without one.
 */
class TimecodeReaderTest {

    static final long EPOCH = 1_765_000_000_000L; // December 2025, the order of today's clock

    @Test
    void readsBackEveryTimecodeExactlyAfterH264AtAPresetBitrate() {
        for (int[] size : new int[][]{{1280, 720}, {640, 360}}) {
            Map<Long, Long> burnt = new HashMap<>();
            List<long[]> read = new ArrayList<>();
            encodeAndDecode(size[0], size[1], 2_500_000, burnt, read);

            assertThat(read).as("pictures decoded at %dx%d", size[0], size[1]).hasSize(75);
            for (long[] r : read) {
                assertThat(r[1]).as("timecode of the picture at %d ms, %dx%d", r[0], size[0], size[1])
                        .isEqualTo(burnt.get(r[0]));
            }
        }
    }

    @Test
    void withTimecodeBurnsTheWallClockAsThePictureIsMade() {
        try (SyntheticSignal signal = new SyntheticSignal(1280, 720, 25, 48000, 2, 440, "clock").withTimecode();
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            long before = System.currentTimeMillis();
            BufferedImage image = copy(converter.convert(signal.nextVideo()));
            long after = System.currentTimeMillis();
            AVFrame picture = Frames.fromImage(image);
            try {
                OptionalLong millis = TimecodeReader.read(picture);
                assertThat(millis).isPresent();
                assertThat(millis.getAsLong()).isBetween(before, after);
            } finally {
                Frames.free(picture);
            }
        }
    }

    @Test
    void aPictureWithoutTimecodeReadsEmpty() {
        try (SyntheticSignal signal = new SyntheticSignal(1280, 720, 25, 48000, 2, 440, "plain");
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            AVFrame picture = Frames.fromImage(copy(converter.convert(signal.nextVideo())));
            try {
                assertThat(TimecodeReader.read(picture)).isEmpty();
            } finally {
                Frames.free(picture);
            }
            BufferedImage black = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
            AVFrame dark = Frames.fromImage(black);
            try {
                assertThat(TimecodeReader.read(dark)).isEmpty();
            } finally {
                Frames.free(dark);
            }
        }
    }

    /**
     * 3 s of the 1280x720 test pattern, each picture with a known timecode (40 ms apart plus a varying offset, so that
     * high and low bits change), encoded at {@code width}x{@code height} as a live profile is, decoded, read back.
     */
    private static void encodeAndDecode(int width, int height, long bitrate, Map<Long, Long> burnt, List<long[]> read) {
        try (SyntheticSignal signal = new SyntheticSignal(1280, 720, 25, 48000, 2, 440, "timecode");
             Java2DFrameConverter converter = new Java2DFrameConverter();
             H264Encoder encoder = new H264Encoder(width, height, PictureFit.CROP, 25,
                     H264Settings.live("veryfast", bitrate, 50), "timecode test", 0);
             StreamDecoder decoder = new StreamDecoder(encoder.parameters(), Timestamps.MILLIS, 1,
                     StreamDecoder.OnCorrupt.THROW, "video")) {
            java.util.function.Consumer<AVFrame> reader = frame -> read.add(new long[]{frame.best_effort_timestamp(),
                    TimecodeReader.read(frame).orElse(-1)});
            for (int i = 0; i < 75; i++) {
                long pts = i * 40L;
                long millis = EPOCH + pts + (i * 7919L % 1000) * 1_000_003L;
                burnt.put(pts, millis);
                BufferedImage image = copy(converter.convert(signal.nextVideo()));
                Graphics2D g = image.createGraphics();
                TimecodeReader.burn(g, image.getWidth(), millis);
                g.dispose();
                AVFrame picture = Frames.fromImage(image);
                try {
                    encoder.encode(picture, pts, i % 50 == 0, packet -> decoder.decode(packet, reader));
                } finally {
                    Frames.free(picture);
                }
            }
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }
}
