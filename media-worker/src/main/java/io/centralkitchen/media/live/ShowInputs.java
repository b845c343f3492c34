package io.centralkitchen.media.live;

import io.centralkitchen.media.rtmp.BytePipe;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import io.centralkitchen.storage.Secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A show's ways in: its single ingest, or one per named source — each with its feeder and, when published over RTMP,
 * its own ingest key (a secret of the station's vault) and at most one publisher at a time.
 */
final class ShowInputs implements AutoCloseable {

    /** One way in. {@code key} is the resolved ingest key of a published input (never shown), else null. */
    record Input(String name, IngestSpec ingest, boolean backup, String key, String url, IngestFeeder feeder,
                 AtomicReference<RtmpIngestServer.Publication> publisher) {
    }

    /** The name a show's single ingest goes by. */
    static final String SINGLE = "studio";

    private final String showId;
    private final LiveSettings settings;
    private final List<Input> inputs = new ArrayList<>();

    /** @param sink where each input's sessions go, by input name; call {@link #check} first (this does not throw) */
    ShowInputs(ShowSpec spec, LiveSecrets secrets, LiveSettings settings, String ingestUrlPrefix,
               Function<String, Consumer<IngestSession>> sink) {
        this.showId = spec.showId();
        this.settings = settings;
        for (SourceSpec s : sources(spec)) {
            IngestSpec ingest = s.ingest();
            String key = ingest.mode() == IngestSpec.Mode.PUBLISH ? secrets.resolve(ingest.keySecretId()) : null;
            String url = switch (ingest.mode()) {
                case PUBLISH -> ingestUrlPrefix + Secrets.mask(key);
                case PULL -> secrets.masked(ingest.keySecretId());
                case TEST_PATTERN -> "test pattern";
                case FILE -> ingest.file();
            };
            inputs.add(new Input(s.name(), ingest, s.backup(), key, url,
                    new IngestFeeder(spec.switched() ? showId + "-" + s.name() : showId, ingest, secrets, settings,
                            sink.apply(s.name())), new AtomicReference<>()));
        }
    }

    /** Refuses a show whose published inputs lack their key in {@code secrets} or share one. */
    static void check(ShowSpec spec, LiveSecrets secrets) {
        java.util.Map<String, String> byKey = new java.util.HashMap<>();
        for (SourceSpec s : sources(spec)) {
            if (s.ingest().mode() == IngestSpec.Mode.PUBLISH) {
                String other = byKey.put(secrets.resolve(s.ingest().keySecretId()), s.name());
                if (other != null) {
                    throw new IllegalArgumentException("Sources '" + other + "' and '" + s.name()
                            + "' have the same ingest key: give each source a key of its own");
                }
            }
        }
    }

    private static List<SourceSpec> sources(ShowSpec spec) {
        return spec.switched() ? spec.sources()
                : List.of(new SourceSpec(spec.sources().isEmpty() ? SINGLE : spec.sources().get(0).name(), spec.ingest(), false));
    }

    List<Input> all() {
        return List.copyOf(inputs);
    }

    Optional<Input> named(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The first input's URL (masked): what a single-ingest show's stats have always shown. */
    String firstUrl() {
        return inputs.get(0).url();
    }

    /** Each input's state: from the switched program's readers, or (single ingest) whether the program is live. */
    List<SourceStats> stats(SwitchedProgram switched, boolean singleLive) {
        List<SourceStats> list = new ArrayList<>();
        for (Input input : inputs) {
            String mode = input.ingest().mode().name();
            SourceReader reader = switched == null ? null : switched.reader(input.name()).filter(r -> !r.ended()).orElse(null);
            if (reader == null) {
                boolean live = switched == null && singleLive;
                list.add(new SourceStats(input.name(), mode, input.backup(), live, live, 0, 0, 0, input.url(), null));
            } else {
                boolean onAir = switched.onAir().filter(input.name()::equals).isPresent();
                IngestInfo info = reader.info();
                list.add(new SourceStats(input.name(), mode, input.backup(), true, onAir, info.width(), info.height(), info.fps(),
                        input.url(), reader.connectedAt()));
            }
        }
        return list;
    }

    void start() {
        inputs.forEach(i -> i.feeder().start());
    }

    /** The ingest keys of the published inputs (the engine refuses a key another show uses). */
    List<String> keys() {
        return inputs.stream().map(Input::key).filter(k -> k != null).toList();
    }

    boolean acceptsKey(String key) {
        return byKey(key).isPresent();
    }

    private Optional<Input> byKey(String key) {
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        return inputs.stream().filter(i -> i.key() != null
                && MessageDigest.isEqual(i.key().getBytes(StandardCharsets.UTF_8), given)).findFirst();
    }

    /** An RTMP publisher with one of this show's keys: accepted unless that input already has a publisher. */
    RtmpIngestServer.Publication publish(String key, String[] refusal) {
        Optional<Input> found = byKey(key);
        if (found.isEmpty()) {
            refusal[0] = "Unknown ingest key";
            return null;
        }
        Input input = found.get();
        BytePipe pipe = new BytePipe(4 * 1024 * 1024, settings.ingestTimeout());
        String description = (inputs.size() > 1 ? input.name() : "studio feed") + " " + input.url();
        AtomicReference<RtmpIngestServer.Publication> publisher = input.publisher();
        RtmpIngestServer.Publication publication = new RtmpIngestServer.Publication() {
            @Override
            public void write(byte[] flv, int offset, int length) throws IOException {
                pipe.write(flv, offset, length);
            }

            @Override
            public void end() {
                pipe.close();
                publisher.compareAndSet(this, null);
            }

            @Override
            public String describe() {
                return description;
            }
        };
        if (!publisher.compareAndSet(null, publication)) {
            refusal[0] = inputs.size() > 1 ? "Source '" + input.name() + "' of show '" + showId + "' already has a publisher"
                    : "Show '" + showId + "' already has a publisher";
            return null;
        }
        input.feeder().openPublished(pipe, description, publication);
        return publication;
    }

    @Override
    public void close() {
        for (Input input : inputs) {
            input.feeder().close();
            RtmpIngestServer.Publication current = input.publisher().get();
            if (current != null) {
                current.end();
            }
        }
    }
}
