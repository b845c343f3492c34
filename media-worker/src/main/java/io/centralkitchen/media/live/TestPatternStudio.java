package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The rehearsal feed: the {@link SyntheticSignal} test pattern encoded in real time as a studio encoder would (H.264 +
 * AAC in FLV) into a {@link BytePipe} that the show reads like any published feed.
 */
final class TestPatternStudio implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestPatternStudio.class);

    private final BytePipe pipe;
    private final Thread thread;
    private volatile boolean running = true;

    TestPatternStudio(BytePipe pipe, int width, int height, int fps, String label) {
        this.pipe = pipe;
        this.thread = new Thread(() -> run(width, height, fps, label), "live-test-pattern-" + label);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(int width, int height, int fps, String label) {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                pipe.write(new byte[]{(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                pipe.write(b, off, len);
            }
        };
        try (SyntheticSignal signal = new SyntheticSignal(width, height, fps, 48000, 2, 440, label);
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(sink, width, height, 2)) {
            recorder.setFormat("flv");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps);
            recorder.setVideoOption("preset", "ultrafast");
            recorder.setVideoOption("tune", "zerolatency");
            recorder.setVideoBitrate(Math.max(400_000, width * height * 2));
            recorder.setSampleRate(48000);
            recorder.setAudioChannels(2);
            recorder.start();
            long start = System.nanoTime();
            while (running) {
                long due = start + signal.nextTimestampMicros() * 1000;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                recorder.record(signal.nextVideo());
                recorder.record(signal.nextAudio());
            }
            recorder.stop();
        } catch (Exception e) {
            if (running) {
                log.warn("Test pattern stopped: {}", e.getMessage());
            }
        } finally {
            pipe.close();
        }
    }

    @Override
    public void close() {
        running = false;
        pipe.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
