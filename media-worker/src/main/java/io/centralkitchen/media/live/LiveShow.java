package io.centralkitchen.media.live;

import io.centralkitchen.media.recording.Recorder;
import io.centralkitchen.media.recording.RecordingManifest;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import io.centralkitchen.storage.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One show on air: its program (feed or slate), one {@link ProfileChannel} per distinct output profile, its
 * destinations and its recording. Destinations come and go while live; none of them touches another.
 */
public final class LiveShow {

    private static final Logger log = LoggerFactory.getLogger(LiveShow.class);

    private final ShowSpec spec;
    private final Map<String, PlatformPreset> presets;
    private final LiveSecrets secrets;
    private final LiveSettings settings;
    private final List<LiveListener> listeners;
    private final Instant startedAt = Instant.now();
    private final Map<OutputProfile, ProfileChannel> channels = new LinkedHashMap<>();
    private final Map<String, Destination> destinations = new LinkedHashMap<>();
    private final Slate slate;
    private final Recorder recorder;
    private final Program feed;
    /** The program of a show with several sources, null for a single-ingest show. */
    private final SwitchedProgram switched;
    private final ShowInputs inputs;
    private volatile boolean stopped;
    private volatile java.util.function.Consumer<DestinationSpec> admission = d -> { };
    private final long programOffset;

    LiveShow(ShowSpec spec, Map<String, PlatformPreset> presets, LiveSecrets secrets, LiveSettings settings,
             MediaStore store, Path workDir, List<LiveListener> listeners, String ingestUrlPrefix,
             io.centralkitchen.media.recording.RecordingResume resume) throws IOException {
        this.spec = spec;
        this.programOffset = resume == null ? 0 : resume.programOffsetMillis();
        this.presets = presets;
        this.secrets = secrets;
        this.settings = settings;
        this.listeners = listeners;
        for (DestinationSpec d : spec.destinations()) {
            validate(d);
        }
        ShowInputs.check(spec, secrets);
        this.slate = new Slate(settings.slateImage(), settings.slateText(), spec.title());
        this.recorder = spec.record() && store != null
                ? new Recorder(spec.stationId(), spec.showId(), store, settings.segmentLength(), workDir, listeners, resume) : null;
        if (spec.switched()) {
            this.switched = new SwitchedProgram(spec.showId(), spec.sources(), slate, recorder, settings.slateFps(),
                    (source, reason, at) -> listeners.forEach(l -> l.sourceCut(this, source, reason, programOffset + at)));
            this.feed = switched;
            this.inputs = new ShowInputs(spec, secrets, settings, ingestUrlPrefix, name -> s -> switched.connect(name, s));
        } else {
            ProgramFeed single = new ProgramFeed(spec.showId(), slate, recorder, settings.slateFps());
            this.switched = null;
            this.feed = single;
            this.inputs = new ShowInputs(spec, secrets, settings, ingestUrlPrefix, name -> single::offer);
        }
    }

    void start() {
        feed.start();
        for (DestinationSpec d : spec.destinations()) {
            addDestination(d);
        }
        inputs.start();
        log.info("Show {} ({}) started: {} {}, {} destinations", spec.showId(), spec.stationId(),
                spec.switched() ? "sources" : "ingest", inputs.all().stream().map(i -> spec.switched()
                        ? i.name() + " " + i.url() : i.url()).toList(), spec.destinations().size());
    }

    public String showId() {
        return spec.showId();
    }

    public String stationId() {
        return spec.stationId();
    }

    public ShowSpec spec() {
        return spec;
    }

    /** Program time now, milliseconds: what a marker stores as stream time. */
    public long programMillis() {
        return programOffset + feed.programMillis();
    }

    boolean acceptsKey(String key) {
        return inputs.acceptsKey(key);
    }

    /** An RTMP publisher with one of this show's keys: accepted unless its source already has a publisher. */
    RtmpIngestServer.Publication publish(String key, String[] refusal) {
        if (stopped) {
            refusal[0] = "The show has ended";
            return null;
        }
        return inputs.publish(key, refusal);
    }

    private PlatformPreset validate(DestinationSpec d) {
        PlatformPreset preset = presets.get(d.preset());
        if (preset == null) {
            throw new IllegalArgumentException("Destination '" + d.id() + "': unknown preset '" + d.preset()
                    + "'; known presets: " + String.join(", ", presets.keySet()));
        }
        if (preset.protocol() != Protocol.HLS && !secrets.contains(d.secretId())) {
            throw new IllegalArgumentException("Destination '" + d.id() + "': the station has no secret '" + d.secretId() + "'");
        }
        return preset;
    }

    void admission(java.util.function.Consumer<DestinationSpec> check) {
        this.admission = check;
    }

    /** Adds a destination while live, if the worker can carry it; the others are not touched. */
    public synchronized void addDestination(DestinationSpec d) {
        if (stopped) {
            throw new IllegalStateException("Show '" + spec.showId() + "' has ended");
        }
        if (destinations.containsKey(d.id())) {
            throw new IllegalStateException("Show '" + spec.showId() + "' already has a destination '" + d.id() + "'");
        }
        PlatformPreset preset = validate(d);
        admission.accept(d); // the worker's capacity (LiveCapacity), set by the engine once the show is on air
        ProfileChannel channel = channels.get(preset.profile());
        if (channel == null) {
            ProfileChannel created = new ProfileChannel(spec.showId(), preset.profile(), settings.x264Preset(),
                    settings.profileQueueFrames());
            channels.put(preset.profile(), created);
            feed.execute(() -> feed.attach(created));
            channel = created;
        }
        String url;
        String masked;
        Map<String, String> options = new LinkedHashMap<>();
        if (preset.protocol() == Protocol.HLS) {
            Path dir = settings.hlsDirectory().resolve(spec.showId());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create the HLS directory " + dir + ": " + e.getMessage(), e);
            }
            url = dir.resolve("index.m3u8").toString();
            masked = "/live/" + spec.showId() + "/index.m3u8";
            options.put("hls_time", String.valueOf(settings.hlsSegmentSeconds()));
            options.put("hls_list_size", String.valueOf(settings.hlsListSize()));
            options.put("hls_flags", "delete_segments+independent_segments+program_date_time");
            options.put("hls_start_number_source", "epoch");
            options.put("hls_segment_filename", dir.resolve("seg-%d.ts").toString());
        } else {
            url = null;
            masked = secrets.masked(d.secretId());
            if (preset.protocol() == Protocol.RTMP) {
                options.put("flvflags", "no_duration_filesize");
            }
        }
        String hlsUrl = url;
        Destination destination = new Destination(spec.showId(), d, preset,
                () -> hlsUrl != null ? hlsUrl : secrets.resolve(d.secretId()), masked, channel, settings, options);
        channel.add(destination);
        destinations.put(d.id(), destination);
        destination.start();
        listeners.forEach(l -> l.destinationAdded(this, d.id()));
    }

    /** Removes a destination while live; its profile's encoder stops when nobody else uses it. */
    public void removeDestination(String destinationId) {
        Destination destination;
        ProfileChannel unused = null;
        synchronized (this) {
            destination = destinations.remove(destinationId);
            if (destination == null) {
                throw new IllegalArgumentException("Show '" + spec.showId() + "' has no destination '" + destinationId + "'");
            }
            ProfileChannel channel = destination.channel();
            channel.remove(destination);
            if (!channel.hasDestinations()) {
                channels.remove(channel.profile());
                feed.execute(() -> feed.detach(channel));
                unused = channel;
            }
        }
        destination.close();
        if (unused != null) {
            unused.close();
        }
        listeners.forEach(l -> l.destinationRemoved(this, destinationId));
    }

    /** Whether producers cut between several sources (a show planned with two or more). */
    public boolean switched() {
        return switched != null;
    }

    /** The show's sources: its named ones, or its single ingest (connected and on air while the program is live). */
    public List<SourceStats> sources() {
        return inputs.stats(switched, feed.state() == ProgramFeed.State.LIVE);
    }

    /**
     * Cuts the program to {@code sourceName} with its next picture: no destination reconnects, the program timeline
     * goes on, the encoders start the source with a keyframe, and listeners hear of the cut (a marker). Takes effect on
     * the program thread within a frame or two of the call.
     *
     * @throws IllegalArgumentException no such source
     * @throws IllegalStateException    a single-ingest show, or the source is not connected
     */
    public void cutTo(String sourceName) {
        SwitchedProgram program = requireSwitched();
        if (inputs.named(sourceName).isEmpty()) {
            throw new IllegalArgumentException("Show '" + spec.showId() + "' has no source '" + sourceName + "'; its sources: "
                    + inputs.all().stream().map(ShowInputs.Input::name).toList());
        }
        if (program.reader(sourceName).filter(r -> !r.ended()).isEmpty()) {
            throw new IllegalStateException("Source '" + sourceName + "' is not connected: start its encoder (or check its"
                    + " URL) and cut when it shows as connected");
        }
        program.cutTo(sourceName);
    }

    /** Puts the slate on air until the next cut (a source that connects meanwhile does not replace it). */
    public void cutToSlate() {
        requireSwitched().cutToSlate();
    }

    /** The source's latest picture as a JPEG at most {@code maxWidth} wide; empty when it is not connected. */
    public java.util.Optional<byte[]> sourcePreview(String sourceName, int maxWidth) {
        if (inputs.named(sourceName).isEmpty()) {
            throw new IllegalArgumentException("Show '" + spec.showId() + "' has no source '" + sourceName + "'");
        }
        if (switched == null) {
            return java.util.Optional.empty();
        }
        return switched.reader(sourceName).filter(r -> !r.ended()).map(r -> r.previewJpeg(maxWidth));
    }

    private SwitchedProgram requireSwitched() {
        if (stopped) {
            throw new IllegalStateException("Show '" + spec.showId() + "' has ended");
        }
        if (switched == null) {
            throw new IllegalStateException("Show '" + spec.showId() + "' has a single source: plan two or more sources"
                    + " to cut between them");
        }
        return switched;
    }

    public synchronized List<String> destinationIds() {
        return List.copyOf(destinations.keySet());
    }

    /** Profiles currently encoding: one per distinct profile that is not a copy of the ingest. */
    public synchronized int encoders() {
        return (int) channels.values().stream().filter(ProfileChannel::encoding).count();
    }

    public synchronized ShowStats stats() {
        List<DestinationStats> list = new ArrayList<>();
        destinations.values().forEach(d -> list.add(d.stats()));
        // STOPPED from the moment the show is being ended: its feed and destinations closing are not trouble to report
        return new ShowStats(spec.stationId(), spec.showId(), spec.title(), stopped ? "STOPPED" : feed.state().name(),
                spec.ingest().mode().name(), feed.ingestDescription(), inputs.firstUrl(), programOffset + feed.programMillis(), feed.switches(),
                encoders(), channels.size(), channels.values().stream().mapToLong(ProfileChannel::droppedFrames).sum(),
                list, recorder == null ? null : recorder.recordingId(),
                recorder == null ? 0 : recorder.segments().size(), recorder == null ? 0 : recorder.droppedPackets(),
                startedAt, switched == null ? null : switched.onAir().orElse(null));
    }

    public DestinationStats destinationStats(String destinationId) {
        Destination d;
        synchronized (this) {
            d = destinations.get(destinationId);
        }
        if (d == null) {
            throw new IllegalArgumentException("Show '" + spec.showId() + "' has no destination '" + destinationId + "'");
        }
        return d.stats();
    }

    /** Ends the show: destinations close, the recording is sealed (null when not recorded). */
    RecordingManifest stop() {
        return stop(true);
    }

    /**
     * Stops the show here; with {@code seal} false its recording is left unsealed (another owner continues it): the
     * last segment is still stored, the manifest is not written.
     */
    RecordingManifest stop(boolean seal) {
        List<Destination> all;
        List<ProfileChannel> profiles;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(destinations.values());
            profiles = new ArrayList<>(channels.values());
        }
        inputs.close();
        feed.close();
        all.forEach(Destination::close);
        profiles.forEach(ProfileChannel::close);
        slate.close();
        RecordingManifest manifest = null;
        if (recorder != null && seal) {
            manifest = recorder.seal();
        } else if (recorder != null) {
            recorder.close();
        }
        log.info("Show {} ended", spec.showId());
        return manifest;
    }
}
