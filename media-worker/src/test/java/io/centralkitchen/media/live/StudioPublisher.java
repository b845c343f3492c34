package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** A studio encoder for tests: publishes the test pattern in real time over RTMP, as OBS would. */
final class StudioPublisher implements AutoCloseable {

    private final String url;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean publishing;
    private final Thread thread;

    private final boolean sound;

    StudioPublisher(String url) {
        this(url, true);
    }

    /** {@code sound=false}: a feed without an audio track, as some hardware encoders send. */
    StudioPublisher(String url, boolean sound) {
        this.url = url;
        this.sound = sound;
        this.thread = new Thread(this::run, "test-studio");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects once and returns the error, if the server refuses (used for the wrong-key case). */
    static Throwable tryPublish(String url) {
        try (FFmpegFrameRecorder recorder = recorder(url)) {
            recorder.start();
            try (SyntheticSignal signal = SyntheticSignal.small("intruder")) {
                for (int i = 0; i < 10; i++) {
                    recorder.record(signal.nextVideo());
                    recorder.record(signal.nextAudio());
                }
            }
            recorder.stop();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static FFmpegFrameRecorder recorder(String url) {
        return recorder(url, true);
    }

    private static FFmpegFrameRecorder recorder(String url, boolean sound) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(url, 640, 360, sound ? 2 : 0);
        recorder.setFormat("flv");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setFrameRate(25);
        recorder.setGopSize(25);
        recorder.setVideoOption("preset", "ultrafast");
        recorder.setVideoOption("tune", "zerolatency");
        recorder.setVideoBitrate(500_000);
        if (sound) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(48000);
            recorder.setAudioChannels(2);
        }
        recorder.setOption("rw_timeout", "5000000");
        return recorder;
    }

    private void run() {
        try (FFmpegFrameRecorder recorder = recorder(url, sound); SyntheticSignal signal = SyntheticSignal.small("studio")) {
            recorder.start();
            publishing = true;
            long start = System.nanoTime();
            while (running) {
                long wait = start + signal.nextTimestampMicros() * 1000 - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                recorder.record(signal.nextVideo());
                if (sound) {
                    recorder.record(signal.nextAudio());
                }
            }
            recorder.stop();
        } catch (Exception e) {
            failure.set(e);
        } finally {
            publishing = false;
        }
    }

    boolean publishing() {
        return publishing;
    }

    Throwable failure() {
        return failure.get();
    }

    /** Disconnects, as a studio encoder whose line drops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
