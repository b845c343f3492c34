package io.centralkitchen.media.live;

import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.recording.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The program of a show with several sources: every connected source is decoded by its own {@link SourceReader}; the
 * program thread takes pictures and sound from the one on air only and puts them on one continuous timeline (each cut
 * anchors the new source's next picture one frame after the last one sent). Every profile encodes while the program is
 * switched, so a cut is frame-accurate and touches no destination; the encoders start the new source with a keyframe.
 * When the source on air drops, the backup (if connected) takes over at once; the slate plays only when none is left —
 * or when a producer cuts to it.
 */
final class SwitchedProgram implements Program {

    /** Told of every cut (program thread): the source now on air (null: the slate), why, and the program time. */
    interface CutListener {
        void cut(String source, String reason, long programMillis);
    }

    private static final Logger log = LoggerFactory.getLogger(SwitchedProgram.class);

    private final String showId;
    private final List<SourceSpec> sources;
    private final Recorder recorder;
    private final CutListener cuts;
    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Map<String, SourceReader> connected = new ConcurrentHashMap<>();
    private final ProgramChannels channels;
    private final SessionClock clock = new SessionClock();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile ProgramFeed.State state = ProgramFeed.State.WAITING;
    private volatile SourceReader onAir;
    /** A producer put the slate on air: a source that connects does not replace it. */
    private volatile boolean slateHeld;
    private volatile long lastProgramMillis = -1;
    private volatile long switches;
    private double fps = 25;

    SwitchedProgram(String showId, List<SourceSpec> sources, Slate slate, Recorder recorder, int slateFps, CutListener cuts) {
        this.showId = showId;
        this.sources = List.copyOf(sources);
        this.recorder = recorder;
        this.cuts = cuts;
        this.channels = new ProgramChannels(slate, slateFps);
        this.thread = new Thread(this::run, "live-program-" + showId);
        thread.setDaemon(true);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void execute(Runnable command) {
        commands.add(command);
    }

    @Override
    public void attach(ProfileChannel channel) {
        channels.add(channel, fps);
    }

    @Override
    public void detach(ProfileChannel channel) {
        channels.remove(channel);
    }

    @Override
    public long programMillis() {
        return Math.max(0, lastProgramMillis);
    }

    @Override
    public ProgramFeed.State state() {
        return state;
    }

    @Override
    public String ingestDescription() {
        SourceReader current = onAir;
        return current == null ? null : current.name() + ": " + LiveSecrets.redact(current.description());
    }

    @Override
    public long switches() {
        return switches;
    }

    /** The source on air, empty on the slate. */
    Optional<String> onAir() {
        SourceReader current = onAir;
        return current == null ? Optional.empty() : Optional.of(current.name());
    }

    Optional<SourceReader> reader(String source) {
        return Optional.ofNullable(connected.get(source));
    }

    /** A feeder's new session of {@code source} (any thread): decoded from now on, on air if nothing else is. */
    void connect(String source, IngestSession session) {
        SourceReader reader;
        try {
            reader = new SourceReader(source, session, () -> execute(() -> disconnected(source)));
        } catch (RuntimeException e) {
            log.warn("Show {}: source {} cannot be read: {}", showId, source, LiveSecrets.redact(e.getMessage()));
            session.end();
            return;
        }
        reader.start();
        execute(() -> connected(reader));
    }

    /** Cuts to a connected source (validated by the caller; a source gone meanwhile is logged and skipped). */
    void cutTo(String source) {
        execute(() -> {
            SourceReader reader = connected.get(source);
            if (!running) {
                return;
            } else if (reader == null || reader.ended()) {
                log.warn("Show {}: cut to {} skipped, the source is not connected any more", showId, source);
            } else if (reader != onAir) {
                putOnAir(reader, "producer");
            }
        });
    }

    void cutToSlate() {
        execute(() -> {
            slateHeld = true;
            if (onAir != null && running) {
                takeOffAir();
                enterSlate();
                cuts.cut(null, "producer", programMillis());
            }
        });
    }

    private void connected(SourceReader reader) {
        SourceReader previous = connected.put(reader.name(), reader);
        if (previous != null && previous != reader) {
            if (previous == onAir) {
                takeOffAir();
            }
            previous.close();
        }
        log.info("Show {}: source {} connected ({}x{} {} fps)", showId, reader.name(), reader.info().width(),
                reader.info().height(), reader.info().fps());
        if (onAir == null && !slateHeld && running) {
            putOnAir(reader, "connected");
        }
    }

    private void disconnected(String source) {
        SourceReader reader = connected.get(source);
        if (reader == null || !reader.ended()) {
            return;
        }
        connected.remove(source);
        boolean wasOnAir = reader == onAir;
        if (wasOnAir) {
            takeOffAir();
        }
        reader.close();
        if (!wasOnAir || !running) {
            return;
        }
        Optional<SourceReader> backup = sources.stream().filter(SourceSpec::backup).map(s -> connected.get(s.name()))
                .filter(r -> r != null && !r.ended()).findFirst();
        if (backup.isPresent()) {
            log.info("Show {}: source {} dropped, backup {} takes over", showId, source, backup.get().name());
            putOnAir(backup.get(), "backup");
        } else {
            enterSlate();
            cuts.cut(null, "lost", programMillis());
        }
    }

    private void putOnAir(SourceReader reader, String reason) {
        if (onAir != null) {
            takeOffAir();
        }
        reader.onAir(true);
        onAir = reader;
        slateHeld = false;
        fps = reader.info().fps() > 0 ? reader.info().fps() : 25;
        channels.restart(fps);
        if (recorder != null) {
            recorder.startSession(reader.streams().videoParameters(), reader.streams().audioParameters());
        }
        clock.restart();
        state = ProgramFeed.State.LIVE;
        switches++;
        log.info("Show {}: {} on air ({})", showId, reader.name(), reason);
        cuts.cut(reader.name(), reason, programMillis());
    }

    private void takeOffAir() {
        SourceReader current = onAir;
        onAir = null;
        if (current != null) {
            current.onAir(false);
            if (recorder != null) {
                recorder.endSession();
            }
        }
    }

    private void run() {
        enterSlate();
        while (running) {
            try {
                SourceReader current = onAir;
                if (current == null) {
                    Runnable command = commands.poll(channels.millisUntilNextSlateFrame(), TimeUnit.MILLISECONDS);
                    if (command != null) {
                        command.run();
                    } else if (onAir == null) {
                        emitSlate();
                    }
                } else {
                    runCommands();
                    if (onAir == current) {
                        SourceReader.Item item = current.poll(20);
                        if (item != null) {
                            play(current, item);
                        }
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.warn("Show {}: program: {}", showId, LiveSecrets.redact(String.valueOf(e.getMessage())));
            }
        }
        onAir = null;
        state = ProgramFeed.State.STOPPED;
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void play(SourceReader source, SourceReader.Item item) {
        try {
            if (item.packet() != null) {
                if (recorder != null) {
                    Packets.shift(item.packet(), clock.offset());
                    recorder.accept(item.packet());
                }
            } else if (!item.audio()) {
                long programTs = clock.toProgram(item.ts(), lastProgramMillis < 0 ? 0 : lastProgramMillis + frameMillis());
                // a source put on air as it connects hands over at once what piled up while it was probed
                channels.offer(item.frame(), false, programTs, clock.catchingUp(programTs));
                lastProgramMillis = Math.max(lastProgramMillis, programTs);
                if (!source.hasAudio()) {
                    channels.silenceUpTo(programTs + frameMillis(), frameMillis());
                }
            } else {
                long programTs = item.ts() + clock.offset();
                channels.offerSound(item.frame(), programTs, clock.catchingUp(programTs));
            }
        } finally {
            item.free();
        }
    }

    private long frameMillis() {
        return Math.max(1, Math.round(1000 / fps));
    }

    private void enterSlate() {
        channels.startSlate(lastProgramMillis < 0 ? 0 : lastProgramMillis + frameMillis());
        if (lastProgramMillis >= 0) {
            state = ProgramFeed.State.SLATE;
            switches++;
            log.info("Show {}: no source on air, slate on air", showId);
        }
    }

    private void emitSlate() {
        long last = channels.emitSlate();
        if (last >= 0) {
            lastProgramMillis = last;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runCommands(); // sources that connected while the show ended: registered, then closed
        connected.values().forEach(SourceReader::close);
        connected.clear();
        channels.close();
    }
}
