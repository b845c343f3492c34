package io.centralkitchen.media.live;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A show's program: the studio feed while there is one, the slate while there is none, on one continuous timeline
 * (program time, milliseconds). Its thread reads the ingest once, decodes it once (only when some profile encodes),
 * hands decoded frames to encoding profiles, the ingest's own packets to copying profiles and to the recorder, and
 * paces the slate by the wall clock. Switching between feed and slate touches no destination.
 */
final class ProgramFeed implements AutoCloseable {

    enum State { WAITING, LIVE, SLATE, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(ProgramFeed.class);
    /** Media time ahead of the wall clock beyond which a session counts as catching up. */
    private static final long CATCH_UP_MARGIN_MILLIS = 200;

    private final String showId;
    private final Slate slate;
    private final Recorder recorder;
    private final BlockingQueue<IngestSession> pending = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<ProfileChannel> channels = new ArrayList<>();
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVPacket scratch = avcodec.av_packet_alloc();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile State state = State.WAITING;
    private volatile String ingestDescription;
    private volatile long lastProgramMillis = -1;
    private volatile long switches;

    // the current ingest session (program thread only)
    private IngestSession session;
    private Decoder videoDecoder;
    private Decoder audioDecoder;
    private AnnexB annexB;
    private AVCodecParameters audioParameters;
    private long offsetMillis;
    private boolean offsetKnown;
    private long sessionWallStart;
    private long sessionFirstMillis;
    private double fps = 25;
    private long silenceStart;
    private long silenceSamples = -1;
    private final SlateClock slateClock;
    private final int slateFps;

    ProgramFeed(String showId, Slate slate, Recorder recorder, int slateFps) {
        this.showId = showId;
        this.slate = slate;
        this.recorder = recorder;
        this.slateFps = slateFps;
        this.slateClock = new SlateClock(slate, slateFps);
        this.thread = new Thread(this::run, "live-program-" + showId);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    State state() {
        return state;
    }

    String ingestDescription() {
        return ingestDescription;
    }

    /** Program time of the latest picture, milliseconds (what markers record as stream time). */
    long programMillis() {
        return Math.max(0, lastProgramMillis);
    }

    long switches() {
        return switches;
    }

    /** A new studio feed (from any thread): the program switches to it at once. */
    void offer(IngestSession next) {
        pending.add(next);
    }

    /** Runs {@code command} on the program thread, between two packets. */
    void execute(Runnable command) {
        commands.add(command);
    }

    /** Program thread: a profile joins the program (mid-stream) in the mode the current feed allows. */
    void attach(ProfileChannel channel) {
        channels.add(channel);
        if (session != null && channel.matches(info(session.demuxer()))) {
            channel.switchTo(ProfileChannel.Mode.COPY, annexB.parameters(), audioParameters, fps);
        } else {
            channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, fps);
        }
    }

    void detach(ProfileChannel channel) {
        channels.remove(channel);
    }

    private void run() {
        enterSlate();
        while (running) {
            Runnable command;
            while ((command = commands.poll()) != null) {
                command.run();
            }
            try {
                if (session == null) {
                    IngestSession next = pending.poll(slateClock.millisUntilNextFrame(), TimeUnit.MILLISECONDS);
                    if (next != null) {
                        startSession(next);
                    } else {
                        emitSlate();
                    }
                } else {
                    readOne();
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                log.warn("Show {}: ingest {} lost: {}", showId, ingestDescription, LiveSecrets.redact(e.getMessage()));
                if (session != null) {
                    endSession();
                }
            }
        }
        if (session != null) {
            endSession();
        }
        IngestSession waiting;
        while ((waiting = pending.poll()) != null) {
            waiting.end();
        }
        state = State.STOPPED;
    }

    // ------------------------------------------------------------------ ingest

    private static IngestInfo info(Demuxer demuxer) {
        AVCodecParameters v = demuxer.parameters(demuxer.videoIndex());
        AVCodecParameters a = demuxer.audioIndex() >= 0 ? demuxer.parameters(demuxer.audioIndex()) : null;
        return new IngestInfo(v.codec_id(), v.width(), v.height(), v.bit_rate(), demuxer.fps(),
                a == null ? -1 : a.codec_id(), a == null ? 0 : a.sample_rate(), a == null ? 0 : a.ch_layout().nb_channels());
    }

    private void startSession(IngestSession next) throws IOException {
        session = next;
        Demuxer demuxer = next.demuxer();
        ingestDescription = demuxer.description();
        try {
            annexB = new AnnexB(demuxer.parameters(demuxer.videoIndex()), LiveStreams.MILLIS);
            videoDecoder = new Decoder(demuxer.parameters(demuxer.videoIndex()), "video");
            if (demuxer.audioIndex() >= 0) {
                audioParameters = demuxer.parameters(demuxer.audioIndex());
                audioDecoder = new Decoder(audioParameters, "audio");
            }
        } catch (IOException e) {
            endSession();
            throw e;
        }
        IngestInfo info = info(demuxer);
        fps = info.fps();
        for (ProfileChannel channel : channels) {
            boolean copy = channel.matches(info);
            channel.switchTo(copy ? ProfileChannel.Mode.COPY : ProfileChannel.Mode.ENCODE,
                    annexB.parameters(), audioParameters, fps);
        }
        if (recorder != null) {
            recorder.startSession(annexB.parameters(), audioParameters);
        }
        offsetKnown = false;
        silenceSamples = -1;
        state = State.LIVE;
        switches++;
        log.info("Show {}: on air from {} ({}x{} {} fps)", showId, ingestDescription, info.width(), info.height(), info.fps());
    }

    private void endSession() {
        if (session != null) {
            session.end();
        }
        session = null;
        if (videoDecoder != null) {
            videoDecoder.close();
        }
        if (audioDecoder != null) {
            audioDecoder.close();
        }
        if (annexB != null) {
            annexB.close();
        }
        videoDecoder = null;
        audioDecoder = null;
        annexB = null;
        audioParameters = null;
        if (recorder != null) {
            recorder.endSession();
        }
        if (running) {
            enterSlate();
        }
    }

    private void readOne() throws IOException {
        Demuxer demuxer = session.demuxer();
        if (!demuxer.read(packet)) {
            log.info("Show {}: ingest {} ended", showId, ingestDescription);
            endSession();
            return;
        }
        int index = packet.stream_index();
        boolean video = index == demuxer.videoIndex();
        if (!video && index != demuxer.audioIndex()) {
            avcodec.av_packet_unref(packet);
            return;
        }
        AVRational timeBase = demuxer.timeBase(index);
        avcodec.av_packet_rescale_ts(packet, timeBase, LiveStreams.MILLIS);
        long ts = AnnexB.ts(packet);
        if (ts == avutil.AV_NOPTS_VALUE) {
            avcodec.av_packet_unref(packet);
            return;
        }
        if (!offsetKnown) {
            // the new feed continues the program where the slate (or the last feed) left it
            offsetMillis = (lastProgramMillis < 0 ? 0 : lastProgramMillis + frameMillis()) - ts;
            offsetKnown = true;
            sessionWallStart = System.nanoTime();
            sessionFirstMillis = ts + offsetMillis;
        }
        shift(packet, offsetMillis);
        long programTs = ts + offsetMillis;
        if (session.paced()) {
            pace(programTs);
        }
        packet.stream_index(video ? LiveStreams.VIDEO : LiveStreams.AUDIO);
        boolean someEncode = channels.stream().anyMatch(c -> c.mode() == ProfileChannel.Mode.ENCODE);
        if (someEncode) {
            Decoder decoder = video ? videoDecoder : audioDecoder;
            boolean catchingUp = catchingUp(programTs);
            decoder.decode(packet, frame -> offerFrame(frame, !video, frame.pts(), catchingUp));
        }
        if (video) {
            lastProgramMillis = Math.max(lastProgramMillis, programTs);
            if (audioDecoder == null) {
                silenceUpTo(programTs + frameMillis());
            }
            annexB.convert(packet, scratch, this::offerIngestPacket);
        } else {
            offerIngestPacket(packet);
            avcodec.av_packet_unref(packet);
        }
    }

    /** A feed without sound still gives the platforms an audio track: silence, as under the slate. */
    private void silenceUpTo(long programMillis) {
        if (silenceSamples < 0) {
            silenceStart = programMillis - frameMillis();
            silenceSamples = 0;
        }
        while (silenceStart + silenceSamples * 1000 / Slate.SAMPLE_RATE < programMillis) {
            offerFrame(slate.silence(), true, silenceStart + silenceSamples * 1000 / Slate.SAMPLE_RATE, false);
            silenceSamples += Slate.SAMPLES_PER_FRAME;
        }
    }

    private void offerIngestPacket(AVPacket p) {
        if (recorder != null) {
            recorder.accept(p);
        }
        for (ProfileChannel channel : channels) {
            channel.offerIngestPacket(p);
        }
    }

    private void offerFrame(AVFrame frame, boolean audio, long ptsMillis, boolean catchingUp) {
        for (ProfileChannel channel : channels) {
            channel.offerFrame(frame, audio, ptsMillis, catchingUp);
        }
    }

    /**
     * Whether the feed is ahead of real time: a feed that starts hands over at once what piled up while it was probed
     * (about {@code analyzeduration}, 1.5 s), and that burst must reach the encoders whole.
     */
    private boolean catchingUp(long programTs) {
        long played = (System.nanoTime() - sessionWallStart) / 1_000_000;
        return programTs - sessionFirstMillis > played + CATCH_UP_MARGIN_MILLIS;
    }

    private static void shift(AVPacket p, long offset) {
        if (p.pts() != avutil.AV_NOPTS_VALUE) {
            p.pts(p.pts() + offset);
        }
        if (p.dts() != avutil.AV_NOPTS_VALUE) {
            p.dts(p.dts() + offset);
        }
    }

    /** Files play at their own pace, not as fast as they can be read. */
    private void pace(long programTs) {
        long due = sessionWallStart + (programTs - sessionFirstMillis) * 1_000_000L;
        long wait;
        while (running && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
    }

    // ------------------------------------------------------------------ slate

    private long frameMillis() {
        return Math.max(1, Math.round(1000 / (session != null ? fps : slateFps)));
    }

    private void enterSlate() {
        for (ProfileChannel channel : channels) {
            channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, 0);
        }
        slateClock.restart(lastProgramMillis < 0 ? 0 : lastProgramMillis + frameMillis());
        state = lastProgramMillis < 0 ? State.WAITING : State.SLATE;
        if (state == State.SLATE) {
            switches++;
            log.info("Show {}: studio feed away, slate on air", showId);
        }
        ingestDescription = null;
    }

    private void emitSlate() {
        long last = slateClock.emitDue((frame, audio, pts) -> offerFrame(frame, audio, pts, false));
        if (last >= 0) {
            lastProgramMillis = last;
        }
    }

    @Override
    public void close() {
        running = false;
        if (session != null) {
            session.demuxer().abort();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        avcodec.av_packet_free(packet);
        avcodec.av_packet_free(scratch);
    }
}
