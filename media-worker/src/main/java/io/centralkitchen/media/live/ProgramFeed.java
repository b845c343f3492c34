package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.ffmpeg.Timestamps;
import io.centralkitchen.media.recording.Recorder;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A show's program: the studio feed while there is one, the slate while there is none, on one continuous timeline
 * (program time, milliseconds). Its thread reads the ingest once, decodes it once (only when some profile encodes),
 * hands decoded frames to encoding profiles, the ingest's own packets to copying profiles and to the recorder, and
 * paces the slate by the wall clock. Switching between feed and slate touches no destination.
 */
final class ProgramFeed implements Program {

    enum State { WAITING, LIVE, SLATE, STOPPED }

    private static final Logger log = LoggerFactory.getLogger(ProgramFeed.class);

    private final String showId;
    private final Recorder recorder;
    private final BlockingQueue<IngestSession> pending = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<ProfileChannel> channels = new ArrayList<>();
    private final AVPacket packet = Packets.alloc();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile State state = State.WAITING;
    private volatile String ingestDescription;
    private volatile long lastProgramMillis = -1;
    private volatile long switches;

    // the current ingest session (program thread only)
    private IngestSession session;
    private IngestStreams streams;
    private final SessionClock clock = new SessionClock();
    private double fps = 25;
    private final SilenceTrack silence;
    private final SlateClock slateClock;
    private final int slateFps;

    ProgramFeed(String showId, Slate slate, Recorder recorder, int slateFps) {
        this.showId = showId;
        this.recorder = recorder;
        this.slateFps = slateFps;
        this.slateClock = new SlateClock(slate, slateFps);
        this.silence = new SilenceTrack(slate);
        this.thread = new Thread(this::run, "live-program-" + showId);
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String ingestDescription() {
        return ingestDescription;
    }

    /** Program time of the latest picture, milliseconds (what markers record as stream time). */
    @Override
    public long programMillis() {
        return Math.max(0, lastProgramMillis);
    }

    @Override
    public long switches() {
        return switches;
    }

    /** A new studio feed (from any thread): the program switches to it at once. */
    void offer(IngestSession next) {
        pending.add(next);
    }

    /** Runs {@code command} on the program thread, between two packets. */
    @Override
    public void execute(Runnable command) {
        commands.add(command);
    }

    /** Program thread: a profile joins the program (mid-stream) in the mode the current feed allows. */
    @Override
    public void attach(ProfileChannel channel) {
        channels.add(channel);
        if (session != null && streams.info().sendableAs(channel.profile())) {
            channel.switchTo(ProfileChannel.Mode.COPY, streams.videoParameters(), streams.audioParameters(), fps);
        } else {
            channel.switchTo(ProfileChannel.Mode.ENCODE, null, null, fps);
        }
    }

    @Override
    public void detach(ProfileChannel channel) {
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
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Show {}: ingest {} lost: {}", showId, ingestDescription, LiveSecrets.redact(e.getMessage()));
                }
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

    private void startSession(IngestSession next) {
        session = next;
        Demuxer demuxer = next.demuxer();
        ingestDescription = demuxer.description();
        try {
            streams = new IngestStreams(demuxer);
        } catch (RuntimeException e) {
            endSession();
            throw e;
        }
        IngestInfo info = streams.info();
        fps = info.fps();
        for (ProfileChannel channel : channels) {
            boolean copy = info.sendableAs(channel.profile());
            channel.switchTo(copy ? ProfileChannel.Mode.COPY : ProfileChannel.Mode.ENCODE,
                    streams.videoParameters(), streams.audioParameters(), fps);
        }
        if (recorder != null) {
            recorder.startSession(streams.videoParameters(), streams.audioParameters());
        }
        clock.restart();
        silence.restart();
        state = State.LIVE;
        switches++;
        log.info("Show {}: on air from {} ({}x{} {} fps)", showId, ingestDescription, info.width(), info.height(), info.fps());
    }

    private void endSession() {
        if (session != null) {
            session.end();
        }
        session = null;
        if (streams != null) {
            streams.close();
            streams = null;
        }
        if (recorder != null) {
            recorder.endSession();
        }
        if (running) {
            enterSlate();
        }
    }

    private void readOne() {
        Demuxer demuxer = session.demuxer();
        if (!demuxer.read(packet)) {
            log.info("Show {}: ingest {} ended", showId, ingestDescription);
            endSession();
            return;
        }
        int index = packet.stream_index();
        boolean video = index == demuxer.videoIndex();
        if (!video && index != demuxer.audioIndex()) {
            Packets.unref(packet);
            return;
        }
        AVRational timeBase = demuxer.timeBase(index);
        Packets.rescale(packet, timeBase, LiveStreams.MILLIS);
        long ts = Packets.decodingTime(packet);
        if (!Timestamps.isSet(ts)) {
            Packets.unref(packet);
            return;
        }
        // the new feed continues the program where the slate (or the last feed) left it
        long programTs = clock.toProgram(ts, lastProgramMillis < 0 ? 0 : lastProgramMillis + frameMillis());
        Packets.shift(packet, clock.offset());
        if (session.paced()) {
            clock.pace(programTs, () -> running);
        }
        packet.stream_index(video ? LiveStreams.VIDEO : LiveStreams.AUDIO);
        boolean someEncode = channels.stream().anyMatch(c -> c.mode() == ProfileChannel.Mode.ENCODE);
        if (someEncode) {
            StreamDecoder decoder = streams.decoder(video);
            boolean catchingUp = clock.catchingUp(programTs);
            decoder.decode(packet, frame -> {
                frame.pts(frame.best_effort_timestamp());
                offerFrame(frame, !video, frame.pts(), catchingUp);
            });
        }
        if (video) {
            lastProgramMillis = Math.max(lastProgramMillis, programTs);
            if (!streams.hasAudio()) {
                silence.upTo(programTs + frameMillis(), frameMillis(), (f, audio, pts) -> offerFrame(f, audio, pts, false));
            }
            streams.annexB().convert(packet, this::offerIngestPacket);
        } else {
            offerIngestPacket(packet);
            Packets.unref(packet);
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
        Packets.free(packet);
    }
}
