package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A studio signal made in Java: colour bars with a moving box, a frame counter and a wall clock, and a steady tone.
 * It is the one test signal: the rehearsal test pattern ({@link #play}), the demo's and the tests' studio feed
 * ({@link #publish}) and the source of every test's and benchmark's media files ({@link #writeFile}); no media files are
 * kept in git. Frames are produced in stream order: for each video frame, the audio of the same duration.
 * <p>
 * Not thread-safe. The two {@link Frame}s it hands out are reused for every call and released by {@link #close()}.
 */
public final class SyntheticSignal implements AutoCloseable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SS");
    private static final Color[] BARS = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED,
            Color.BLUE, Color.DARK_GRAY};

    private final int width;
    private final int height;
    private final int fps;
    private final int sampleRate;
    private final int channels;
    private final double toneHz;
    private final String label;
    private final BufferedImage background;
    private final BufferedImage canvas;
    private final Graphics2D g;
    private final Font font;
    private final Frame video;
    private final Frame audio;
    private final ShortBuffer samples;
    private Color corner;
    private boolean timecode;
    private long frameIndex;
    private long sampleIndex;

    public SyntheticSignal(int width, int height, int fps, int sampleRate, int channels, double toneHz, String label) {
        if (width % 2 != 0 || height % 2 != 0 || fps <= 0) {
            throw new IllegalArgumentException("Synthetic signal needs an even size and a positive frame rate, got "
                    + width + "x" + height + "@" + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.toneHz = toneHz;
        this.label = label == null ? "" : label;
        this.background = drawBars(width, height);
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        this.font = new Font(Font.MONOSPACED, Font.BOLD, Math.max(12, height / 14));
        this.video = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
        this.audio = new Frame();
        int samplesPerFrame = sampleRate / fps;
        this.samples = ShortBuffer.allocate(samplesPerFrame * channels);
        audio.sampleRate = sampleRate;
        audio.audioChannels = channels;
        audio.samples = new java.nio.Buffer[]{samples};
    }

    /** 640x360, 25 fps, 48 kHz stereo, 440 Hz: cheap to encode, enough for tests. */
    public static SyntheticSignal small(String label) {
        return new SyntheticSignal(640, 360, 25, 48000, 2, 440, label);
    }

    /** Paints the top-left corner (a sixth of the height, square) in {@code colour}: tells sources apart in tests. */
    public SyntheticSignal withCorner(Color colour) {
        this.corner = colour;
        return this;
    }

    /**
     * Burns the wall clock (milliseconds) into every picture as it is made, machine-readable ({@link TimecodeReader}):
     * the latency from the studio to whoever decodes it is their clock minus the picture's timecode.
     */
    public SyntheticSignal withTimecode() {
        this.timecode = true;
        return this;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int fps() {
        return fps;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Stream time of the next video frame, in microseconds. */
    public long nextTimestampMicros() {
        return frameIndex * 1_000_000L / fps;
    }

    /** The next picture. Its timestamp ({@link Frame#timestamp}) is its stream time in microseconds. */
    public Frame nextVideo() {
        long now = System.currentTimeMillis();
        g.drawImage(background, 0, 0, null);
        if (corner != null) {
            g.setColor(corner);
            g.fillRect(0, 0, height / 6, height / 6);
        }
        // A box crossing the picture once every 4 seconds, so every frame differs from the last.
        long period = 4L * fps;
        int box = height / 5;
        int x = (int) ((frameIndex % period) * (width - box) / period);
        int y = (int) (height / 2 + Math.sin(frameIndex * 2 * Math.PI / period) * height / 4) - box / 2;
        g.setColor(Color.ORANGE);
        g.fillRect(x, y, box, box);
        g.setColor(Color.BLACK);
        g.fillRect(0, height - font.getSize() * 2, width, font.getSize() * 2);
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(label + " #" + frameIndex + "  " + LocalTime.ofInstant(java.time.Instant.ofEpochMilli(now),
                java.time.ZoneId.systemDefault()).format(CLOCK), font.getSize() / 2, height - font.getSize() / 2);
        if (timecode) {
            TimecodeReader.burn(g, width, now);
        }
        ByteBuffer target = (ByteBuffer) video.image[0];
        target.clear();
        target.put(((DataBufferByte) canvas.getRaster().getDataBuffer()).getData());
        target.flip();
        video.timestamp = nextTimestampMicros();
        video.keyFrame = false;
        frameIndex++;
        return video;
    }

    /** The tone for the duration of one video frame, following the last picture. */
    public Frame nextAudio() {
        samples.clear();
        int n = samples.capacity() / channels;
        for (int i = 0; i < n; i++) {
            short v = (short) (Math.sin(2 * Math.PI * toneHz * (sampleIndex + i) / sampleRate) * 8000);
            for (int c = 0; c < channels; c++) {
                samples.put(v);
            }
        }
        samples.flip();
        audio.timestamp = sampleIndex * 1_000_000L / sampleRate;
        sampleIndex += n;
        return audio;
    }

    /**
     * Writes {@code length} of this signal as H.264 (libx264) + AAC to a file: {@code format} is "mp4", "flv",
     * "mpegts"... A keyframe every {@code gopFrames} frames.
     */
    public static void writeFile(Path file, String format, Duration length, int width, int height, int fps, int gopFrames,
                                 String label) throws FrameRecorder.Exception {
        FFmpegRuntime.init();
        try (SyntheticSignal signal = new SyntheticSignal(width, height, fps, 48000, 2, 440, label);
             FFmpegFrameRecorder recorder = configure(new FFmpegFrameRecorder(file.toFile(), width, height, 2), format,
                     fps, gopFrames, defaultBitrate(width, height), true)) {
            recorder.start();
            long frames = length.toMillis() * fps / 1000;
            for (long i = 0; i < frames; i++) {
                recorder.record(signal.nextVideo());
                recorder.record(signal.nextAudio());
            }
            recorder.stop();
        }
    }

    /**
     * Plays the signal in real time as a studio encoder sends it — FLV, H.264 + AAC, a keyframe every second — into
     * {@code out} (the live engine's test pattern, read back through an in-memory pipe) on a thread of its own, until
     * the player is closed; {@code out} is closed when it ends. Its pictures carry the wall clock
     * ({@link #withTimecode}): a rehearsal measures the latency to whatever decodes them.
     */
    public static SignalPlayer play(OutputStream out, int width, int height, int fps, String label) {
        return new SignalPlayer(() -> configure(new FFmpegFrameRecorder(out, width, height, 2), "flv", fps, fps,
                defaultBitrate(width, height), true), new SyntheticSignal(width, height, fps, 48000, 2, 440, label)
                .withTimecode(), out);
    }

    /**
     * A studio encoder at {@code width}x{@code height}, 25 fps, a keyframe every second, H.264 ({@code videoBitrate}
     * bit/s) + AAC, publishing the signal with its timecode ({@link #withTimecode}) to an RTMP {@code url} in real time.
     */
    public static SignalPlayer publishTimecoded(String url, int width, int height, int videoBitrate, String label) {
        return new SignalPlayer(() -> {
            FFmpegFrameRecorder recorder = configure(new FFmpegFrameRecorder(url, width, height, 2), "flv", 25, 25,
                    videoBitrate, true);
            recorder.setOption("rw_timeout", "5000000");
            return recorder;
        }, new SyntheticSignal(width, height, 25, 48000, 2, 440, label).withTimecode(), null);
    }

    /** Plays the signal in real time to an RTMP {@code url}, as OBS would ({@code sound=false}: no audio track). */
    public static SignalPlayer publish(String url, int videoBitrate, boolean sound, String label) {
        return new SignalPlayer(() -> {
            FFmpegFrameRecorder recorder = configure(new FFmpegFrameRecorder(url, 640, 360, sound ? 2 : 0), "flv", 25, 25,
                    videoBitrate, sound);
            recorder.setOption("rw_timeout", "5000000");
            return recorder;
        }, small(label), null);
    }

    /**
     * {@link #publish}, with the top-left corner painted in {@code corner} (sources told apart by colour); an
     * {@code srt://} URL (a caller, as a field unit) gets MPEG-TS, anything else FLV.
     */
    public static SignalPlayer publish(String url, int videoBitrate, boolean sound, String label, Color corner) {
        String format = url.startsWith("srt://") ? "mpegts" : "flv";
        return new SignalPlayer(() -> {
            FFmpegFrameRecorder recorder = configure(new FFmpegFrameRecorder(url, 640, 360, sound ? 2 : 0), format, 25, 25,
                    videoBitrate, sound);
            recorder.setOption("rw_timeout", "5000000");
            return recorder;
        }, small(label).withCorner(corner), null);
    }

    private static int defaultBitrate(int width, int height) {
        return Math.max(400_000, width * height * 2);
    }

    /** The one encoding set-up of the signal: ultrafast zerolatency x264, a keyframe every {@code gopFrames}. */
    private static FFmpegFrameRecorder configure(FFmpegFrameRecorder recorder, String format, int fps, int gopFrames,
                                                 int videoBitrate, boolean sound) {
        recorder.setFormat(format);
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setFrameRate(fps);
        recorder.setGopSize(gopFrames);
        recorder.setVideoOption("preset", "ultrafast");
        recorder.setVideoOption("tune", "zerolatency");
        recorder.setVideoOption("sc_threshold", "0");
        recorder.setVideoBitrate(videoBitrate);
        if (sound) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(48000);
            recorder.setAudioChannels(2);
            recorder.setAudioBitrate(128_000);
        }
        return recorder;
    }

    private static BufferedImage drawBars(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D bg = image.createGraphics();
        int barWidth = (width + BARS.length - 1) / BARS.length;
        for (int i = 0; i < BARS.length; i++) {
            bg.setColor(BARS[i]);
            bg.fillRect(i * barWidth, 0, barWidth, height);
        }
        bg.dispose();
        return image;
    }

    @Override
    public void close() {
        g.dispose();
        video.close();
        audio.close();
    }
}
