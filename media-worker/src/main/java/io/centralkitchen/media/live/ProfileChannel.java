package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.AacEncoder;
import io.centralkitchen.media.ffmpeg.CodecParameters;
import io.centralkitchen.media.ffmpeg.Frames;
import io.centralkitchen.media.ffmpeg.H264Encoder;
import io.centralkitchen.media.ffmpeg.H264Settings;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.PictureFit;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything a show sends at one {@link OutputProfile}: either the ingest's own packets (when the ingest already
 * matches the profile: {@link Mode#COPY}) or one encoder's output ({@link Mode#ENCODE}: the decoded ingest, or the
 * slate). Every destination of the profile receives the same packets. Runs on its own thread behind a bounded work
 * queue, so a slow encoder never holds up the ingest, the recording or another profile (its frames are dropped and
 * counted instead).
 * <p>
 * Switching source (ingest ↔ slate, copy ↔ encode) keeps timestamps continuous and attaches the new codec set-up to
 * the first keyframe ({@code AV_PKT_DATA_NEW_EXTRADATA}), so destinations carry on without reconnecting.
 */
final class ProfileChannel implements AutoCloseable {

    enum Mode { COPY, ENCODE }

    private static final Logger log = LoggerFactory.getLogger(ProfileChannel.class);
    /** Longest a frame of a catch-up waits for room in the queue. */
    static final long CATCH_UP_WAIT_MILLIS = 500;

    private record Work(Mode switchTo, AVCodecParameters video, AVCodecParameters audio, AVFrame frame, boolean audioFrame,
                        long ptsMillis, AVPacket packet) {
    }

    private final OutputProfile profile;
    private final String x264Preset;
    private final String name;
    private final BlockingQueue<Work> work;
    /** Switches: apart from the bounded work, so that they are never dropped. */
    private final java.util.Queue<Work> controls = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Destination> destinations = new CopyOnWriteArrayList<>();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    /** Written by the program thread only. */
    private volatile Mode mode = Mode.ENCODE;
    private volatile double fps = 25;

    // owned by the channel thread
    private H264Encoder videoEncoder;
    private AacEncoder audioEncoder;
    private Mode activeMode = Mode.ENCODE;
    private final ChannelParameters parameters = new ChannelParameters();
    private boolean waitForIngestKeyframe;
    private boolean forceKeyframe;

    ProfileChannel(String showId, OutputProfile profile, String x264Preset, int queueFrames) {
        this.profile = profile;
        this.x264Preset = x264Preset;
        this.name = showId + "/" + profile.label();
        this.work = new ArrayBlockingQueue<>(queueFrames);
        this.thread = new Thread(this::run, "live-profile-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    OutputProfile profile() {
        return profile;
    }

    Mode mode() {
        return mode;
    }

    /** True while this channel runs an encoder (the figure behind "encode once per distinct profile"). */
    boolean encoding() {
        return mode == Mode.ENCODE;
    }

    long droppedFrames() {
        return droppedFrames.get();
    }

    void add(Destination destination) {
        destinations.add(destination);
    }

    void remove(Destination destination) {
        destinations.remove(destination);
    }

    boolean hasDestinations() {
        return !destinations.isEmpty();
    }

    /** Program thread: from now on, send the ingest as it is ({@code COPY}, with its parameters) or encode. */
    void switchTo(Mode newMode, AVCodecParameters ingestVideo, AVCodecParameters ingestAudio, double sourceFps) {
        mode = newMode;
        if (sourceFps > 0) {
            fps = sourceFps;
        }
        AVCodecParameters v = null;
        AVCodecParameters a = null;
        if (newMode == Mode.COPY) {
            v = CodecParameters.copy(ingestVideo);
            a = CodecParameters.copy(ingestAudio);
        }
        enqueueControl(new Work(newMode, v, a, null, false, 0, null));
    }

    /**
     * Program thread: a decoded picture or audio frame (borrowed) at program time {@code ptsMillis}. A full queue drops
     * it (the encoder is short of CPU), unless the program is catching up ({@code catchingUp}): then it waits up to
     * {@link #CATCH_UP_WAIT_MILLIS} for room, because the frames come faster than real time and dropping them would cut
     * a hole into the stream that no shortage of CPU caused.
     */
    void offerFrame(AVFrame frame, boolean audio, long ptsMillis, boolean catchingUp) {
        if (mode != Mode.ENCODE || !running) {
            return;
        }
        AVFrame ref = Frames.reference(frame);
        Work item = new Work(null, null, null, ref, audio, ptsMillis, null);
        boolean queued;
        try {
            queued = catchingUp ? work.offer(item, CATCH_UP_WAIT_MILLIS, TimeUnit.MILLISECONDS) : work.offer(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            Frames.free(ref);
            droppedFrames.incrementAndGet();
        }
    }

    /** Program thread: an ingest packet (borrowed, Annex B, program milliseconds) for {@code COPY} mode. */
    void offerIngestPacket(AVPacket packet) {
        if (mode != Mode.COPY || !running) {
            return;
        }
        AVPacket ref = Packets.reference(packet);
        if (!work.offer(new Work(null, null, null, null, false, 0, ref))) {
            Packets.free(ref);
            droppedFrames.incrementAndGet();
        }
    }

    private void enqueueControl(Work control) {
        controls.add(control);
    }

    /** Copies of the parameters destinations must open their connection with (the caller frees them). */
    AVCodecParameters[] parametersSnapshot(long timeoutMillis) throws InterruptedException {
        return parameters.snapshot(timeoutMillis);
    }

    private void run() {
        while (running) {
            Work item = controls.poll();
            try {
                if (item == null) {
                    item = work.poll(40, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                break;
            }
            if (item == null) {
                continue;
            }
            try {
                if (item.switchTo() != null) {
                    applySwitch(item);
                } else if (item.packet() != null) {
                    sendIngestPacket(item.packet());
                } else if (item.frame() != null) {
                    encode(item);
                }
            } catch (RuntimeException e) {
                log.warn("Profile {}: {}", name, LiveSecrets.redact(String.valueOf(e.getMessage())));
            } finally {
                release(item);
            }
        }
        Work rest;
        while ((rest = work.poll()) != null) {
            release(rest);
        }
        while ((rest = controls.poll()) != null) {
            CodecParameters.free(rest.video());
            CodecParameters.free(rest.audio());
        }
        closeEncoders();
    }

    private void applySwitch(Work item) {
        activeMode = item.switchTo();
        if (activeMode == Mode.COPY) {
            closeEncoders();
            parameters.set(item.video(), item.audio());
            waitForIngestKeyframe = true;
        } else {
            openEncoders();
            parameters.set(CodecParameters.copy(videoEncoder.parameters()),
                    CodecParameters.copy(audioEncoder.parameters()));
            forceKeyframe = true;
        }
    }

    private void openEncoders() {
        if (videoEncoder == null) {
            int rate = (int) Math.round(fps);
            H264Settings x264 = H264Settings.live(x264Preset, profile.videoBitrateKbps() * 1000L,
                    rate * profile.keyframeSeconds(), profile.lowLatency());
            videoEncoder = new H264Encoder(profile.width(), profile.height(), fit(profile), fps, x264, profile.label(),
                    LiveStreams.VIDEO);
            audioEncoder = new AacEncoder(profile.audioSampleRate(), profile.audioBitrateKbps() * 1000L, LiveStreams.AUDIO);
            log.info("Profile {}: encoder opened", name);
        }
    }

    private void closeEncoders() {
        if (videoEncoder != null) {
            videoEncoder.close();
            audioEncoder.close();
            videoEncoder = null;
            audioEncoder = null;
        }
    }

    private void sendIngestPacket(AVPacket packet) {
        if (activeMode != Mode.COPY) {
            return;
        }
        boolean video = packet.stream_index() == LiveStreams.VIDEO;
        if (waitForIngestKeyframe) {
            if (!video || !Packets.isKeyframe(packet)) {
                return;
            }
            waitForIngestKeyframe = false;
        }
        publish(packet);
    }

    private void encode(Work item) {
        if (activeMode != Mode.ENCODE || videoEncoder == null) {
            return;
        }
        if (item.audioFrame()) {
            audioEncoder.encode(item.frame(), item.ptsMillis(), this::publish);
        } else {
            // the first picture after a switch must be decodable on its own
            boolean keyframe = forceKeyframe;
            forceKeyframe = false;
            videoEncoder.encode(item.frame(), item.ptsMillis(), keyframe, this::publish);
        }
    }

    /** Hands a packet (borrowed) to every destination of the profile. */
    private void publish(AVPacket packet) {
        parameters.announceIfFirst(packet);
        for (Destination destination : destinations) {
            destination.accept(packet);
        }
    }

    /** Live profiles crop or pad ("blur-pad" needs a filter graph per picture: padded here). */
    private static PictureFit fit(OutputProfile profile) {
        return "crop".equals(profile.fit()) ? PictureFit.CROP : PictureFit.PAD;
    }

    private static void release(Work item) {
        Frames.free(item.frame());
        Packets.free(item.packet());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parameters.close();
    }
}
