import io.centralkitchen.media.ffmpeg.Demuxer;
import io.centralkitchen.media.ffmpeg.FFmpegRuntime;
import io.centralkitchen.media.ffmpeg.InputOptions;
import io.centralkitchen.media.ffmpeg.Muxer;
import io.centralkitchen.media.ffmpeg.Packets;
import io.centralkitchen.media.ffmpeg.SignalPlayer;
import io.centralkitchen.media.ffmpeg.StreamDecoder;
import io.centralkitchen.media.ffmpeg.SyntheticSignal;
import io.centralkitchen.media.ffmpeg.TimecodeReader;
import io.centralkitchen.media.ffmpeg.Timestamps;
import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.IngestSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.LiveSecrets;
import io.centralkitchen.media.live.LiveSettings;
import io.centralkitchen.media.live.LiveShow;
import io.centralkitchen.media.live.OutputProfile;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.Protocol;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.media.live.ShowStats;
import io.centralkitchen.media.rtmp.BytePipe;
import io.centralkitchen.media.rtmp.RtmpIngestServer;
import io.centralkitchen.media.rtmp.RtmpSink;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Added latency of the live engine (issue 18), glass to glass, against a plain relay of the same feed in the same run.
 * <p>
 * The studio: the engine's own test pattern (1280x720, 25 fps, H.264 + AAC 48 kHz, a keyframe a second) with the wall
 * clock burnt into every picture ({@link SyntheticSignal#withTimecode}), played in real time; its packets are sent at
 * once over RTMP to two places — the live engine's ingest (in this JVM) and a relay. The engine sends the show to two
 * destinations: {@code youtube} (1280x720, 4000 kbit/s cap, 48 kHz: the feed satisfies it, so its packets are copied)
 * and {@code bilibili} (1280x720, 3000 kbit/s, 44.1 kHz audio: re-encoded, x264 veryfast, low latency) — and, for
 * comparison, the same profile at latency {@code normal} (x264's look-ahead, as the website preset). The relay is
 * the FFmpeg layer's packet copy from an RTMP server to an RTMP client (what {@code ffmpeg -c copy} does): the
 * reference. The RTMP receivers in this JVM decode what arrives and read each picture's timecode ({@link
 * TimecodeReader}): latency = the packet's arrival wall clock − the burnt time. After a warm-up, the latencies of
 * {@code bench.seconds} (default 40) are kept; added latency = the path's median − the relay's median. With
 * {@code -Dbench.ffmpeg=<path>} the studio also goes through the ffmpeg CLI's {@code -c copy} relay to a fourth
 * receiver ({@code ffmpeg_relay_*}, {@code *_vs_ffmpeg_ms}).
 */
public class LatencyBench {

    static final long WARMUP_MILLIS = Long.getLong("bench.warmup.seconds", 10) * 1000;
    static final long MEASURE_MILLIS = Long.getLong("bench.seconds", 40) * 1000;
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        FFmpegRuntime.init();
        Path dir = Path.of(System.getProperty("bench.dir", "bench/out/latency")).toAbsolutePath();
        Files.createDirectories(dir);
        String loadStart = load();
        Receiver relayed = new Receiver("relay");
        Receiver passthrough = new Receiver("passthrough");
        Receiver encoded = new Receiver("encoded");
        Receiver lookahead = new Receiver("encoded_normal");
        Map<String, PlatformPreset> presets = new LinkedHashMap<>();
        presets.put("youtube", new PlatformPreset("youtube", "YouTube", Protocol.RTMP,
                new OutputProfile(1280, 720, 4000, 2, "aac", 48000, 128, "crop")));
        presets.put("bilibili", new PlatformPreset("bilibili", "Bilibili", Protocol.RTMP,
                new OutputProfile(1280, 720, 3000, 2, "aac", 44100, 128, "crop")));
        presets.put("bilibili-normal", new PlatformPreset("bilibili-normal", "Bilibili, latency normal", Protocol.RTMP,
                new OutputProfile(1280, 720, 3000, 2, "aac", 44100, 128, "crop", OutputProfile.NORMAL_LATENCY)));
        Map<String, String> secrets = new HashMap<>();
        secrets.put("studio", "latency-studio-key-0123456789");
        secrets.put("out-pass", passthrough.url);
        secrets.put("out-enc", encoded.url);
        secrets.put("out-normal", lookahead.url);
        LiveEngine engine = new LiveEngine(LiveSettings.defaults(dir.resolve("hls")), presets, new LiveSecrets(secrets),
                null, dir.resolve("work"), "127.0.0.1", 0, "live", "127.0.0.1");
        String ffmpeg = System.getProperty("bench.ffmpeg", "");
        Receiver cli = ffmpeg.isBlank() ? null : new Receiver("ffmpeg_relay");
        Process cliRelay = null;
        boolean camera = "camera".equals(System.getProperty("bench.content", "pattern"));
        // the look-ahead comparison costs an encoder more: off by default for the camera-like feed (2 cores)
        boolean withNormal = Boolean.parseBoolean(System.getProperty("bench.normal", String.valueOf(!camera)));
        List<Receiver> receivers = new ArrayList<>(List.of(relayed, passthrough, encoded));
        if (withNormal) {
            receivers.add(lookahead);
        }
        if (cli != null) {
            receivers.add(cli);
        }
        try (RtmpIngestServer relayServer = relay(relayed.url)) {
            LiveShow show = engine.start(new ShowSpec("station-1", "latency", "Latency",
                    new IngestSpec(IngestSpec.Mode.PUBLISH, "studio", null), List.of(), false));
            show.addDestination(new DestinationSpec("passthrough", "youtube", "out-pass"));
            show.addDestination(new DestinationSpec("encoded", "bilibili", "out-enc"));
            if (withNormal) {
                show.addDestination(new DestinationSpec("encoded-normal", "bilibili-normal", "out-normal"));
            }
            String engineIngest = "rtmp://127.0.0.1:" + engine.ingestPort().orElseThrow() + "/live/" + secrets.get("studio");
            String relayIngest = "rtmp://127.0.0.1:" + relayServer.port() + "/live/relay-in";
            List<String> targets = new ArrayList<>(List.of(engineIngest, relayIngest));
            if (cli != null) { // the ffmpeg CLI's own relay (-c copy), as the issue words the reference
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                String in = "rtmp://127.0.0.1:" + port + "/live/in";
                cliRelay = new ProcessBuilder(ffmpeg, "-loglevel", "error", "-listen", "1", "-i", in, "-c", "copy", "-f",
                        "flv", cli.url).redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg-relay.log").toFile()).start();
                Thread.sleep(2_000); // listening (a probe connection would be its one publisher)
                targets.add(in);
            }
            BytePipe studioPipe = new BytePipe(4 * 1024 * 1024, TIMEOUT);
            say("studio content: %s", camera ? "camera-like (detailed, panning, grain)" : "the test pattern");
            try (AutoCloseable studio = camera ? new CameraStudio(studioPipe) : SyntheticSignal.play(studioPipe.writer(), 1280, 720, 25, "latency")) {
                Thread split = daemon("bench-studio", () -> forward(studioPipe, "studio", targets));
                long deadline = System.currentTimeMillis() + 60_000;
                while (!receivers.stream().allMatch(Receiver::readable)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("No timecode arrived at every receiver within 60 s: "
                                + receivers.stream().map(r -> r.name + " " + r.readable()).toList());
                    }
                    Thread.sleep(200);
                }
                Thread.sleep(WARMUP_MILLIS);
                for (Receiver r : receivers) {
                    r.reset();
                }
                ShowStats before = show.stats();
                Thread.sleep(MEASURE_MILLIS);
                ShowStats after = show.stats();
                List<Long> relay = relayed.samples();
                List<Long> pass = passthrough.samples();
                List<Long> enc = encoded.samples();
                System.out.printf("machine_cores=%d%nmeasured_seconds=%d%n", Runtime.getRuntime().availableProcessors(),
                        MEASURE_MILLIS / 1000);
                System.out.printf("load_average_start=%s%nload_average_end=%s%n", loadStart, load());
                System.out.printf("engine_encoders=%d%nengine_profiles=%d%nencoder_dropped_frames=%d%n",
                        after.encoders(), after.profiles(), after.encoderDroppedFrames() - before.encoderDroppedFrames());
                for (Receiver r : receivers) {
                    List<Long> s = r.samples();
                    System.out.printf("%s_pictures=%d%n%s_unreadable=%d%n%s_latency_ms=%d%n%s_latency_p95_ms=%d%n",
                            r.name, s.size(), r.name, r.unreadable(), r.name, pct(s, 50), r.name, pct(s, 95));
                }
                System.out.printf("added_latency_passthrough_ms=%d%nadded_latency_passthrough_p95_ms=%d%n",
                        pct(pass, 50) - pct(relay, 50), pct(pass, 95) - pct(relay, 95));
                System.out.printf("added_latency_encoded_ms=%d%nadded_latency_encoded_p95_ms=%d%n",
                        pct(enc, 50) - pct(relay, 50), pct(enc, 95) - pct(relay, 95));
                if (withNormal) {
                    System.out.printf("added_latency_encoded_normal_ms=%d%n", pct(lookahead.samples(), 50) - pct(relay, 50));
                }
                if (cli != null) {
                    List<Long> viaCli = cli.samples();
                    System.out.printf("added_latency_passthrough_vs_ffmpeg_ms=%d%nadded_latency_encoded_vs_ffmpeg_ms=%d%n",
                            pct(pass, 50) - pct(viaCli, 50), pct(enc, 50) - pct(viaCli, 50));
                }
                engine.stop("latency");
                studio.close();
                split.join(5_000);
            }
        } finally {
            engine.close();
            if (cliRelay != null) {
                cliRelay.destroy();
            }
            for (Receiver r : receivers) {
                r.close();
            }
            if (!withNormal) {
                lookahead.close();
            }
        }
    }

    /**
     * A studio feed x264 finds as hard as a camera's (as bench/capacity's: thousands of coloured shapes panning, grain
     * changing every frame) with the timecode burnt in, encoded as the test pattern is (x264 ultrafast, zerolatency, a
     * keyframe a second, 3.5 Mbit/s — under the youtube preset's cap, so that it is still copied) and played in real time.
     */
    static final class CameraStudio implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        CameraStudio(BytePipe out) {
            thread = daemon("bench-camera", () -> play(out));
        }

        private void play(BytePipe out) {
            java.util.Random random = new java.util.Random(18);
            java.awt.image.BufferedImage scene = new java.awt.image.BufferedImage(2560, 1440, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = scene.createGraphics();
            for (int i = 0; i < 6000; i++) {
                g.setColor(new java.awt.Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                int w = 8 + random.nextInt(120);
                int h = 8 + random.nextInt(120);
                if (i % 2 == 0) {
                    g.fillOval(random.nextInt(2560), random.nextInt(1440), w, h);
                } else {
                    g.fillRect(random.nextInt(2560), random.nextInt(1440), w, h);
                }
            }
            java.awt.image.BufferedImage[] grain = new java.awt.image.BufferedImage[8];
            for (int k = 0; k < grain.length; k++) {
                grain[k] = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_ARGB);
                int[] px = new int[1280 * 720];
                for (int i = 0; i < px.length; i++) {
                    int v = random.nextBoolean() ? 255 : 0;
                    px[i] = (random.nextInt(28) << 24) | (v << 16) | (v << 8) | v;
                }
                grain[k].setRGB(0, 0, 1280, 720, px, 0, 1280);
            }
            java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D c = canvas.createGraphics();
            try (SyntheticSignal sound = new SyntheticSignal(64, 36, 25, 48000, 2, 440, "camera");
                 org.bytedeco.javacv.FFmpegFrameRecorder recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(out.writer(), 1280, 720, 2);
                 org.bytedeco.javacv.Java2DFrameConverter converter = new org.bytedeco.javacv.Java2DFrameConverter()) {
                recorder.setFormat("flv");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setFrameRate(25);
                recorder.setGopSize(25);
                recorder.setVideoOption("preset", "ultrafast");
                recorder.setVideoOption("tune", "zerolatency");
                recorder.setVideoOption("sc_threshold", "0");
                recorder.setVideoBitrate(3_500_000);
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(48000);
                recorder.setAudioChannels(2);
                recorder.setAudioBitrate(128_000);
                recorder.start();
                long start = System.nanoTime();
                long frames = 60L * 25; // the pan's period: 60 s there and back
                for (long i = 0; running; i++) {
                    long wait = start + i * 40_000_000L - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    double phase = Math.sin(2 * Math.PI * i / frames);
                    c.drawImage(scene, -(int) (640 + 600 * phase), -(int) (360 + 300 * Math.sin(4 * Math.PI * i / frames)), null);
                    c.drawImage(grain[(int) (i % grain.length)], 0, 0, null);
                    TimecodeReader.burn(c, 1280, System.currentTimeMillis());
                    org.bytedeco.javacv.Frame frame = converter.convert(canvas);
                    frame.timestamp = i * 40_000L;
                    recorder.record(frame);
                    recorder.record(sound.nextAudio());
                }
                recorder.stop();
            } catch (Exception e) {
                if (running) {
                    say("camera studio: %s", e.getMessage());
                }
            } finally {
                out.close();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /** The reference: an RTMP server whose publisher's packets are copied, as they come, to {@code target}. */
    static RtmpIngestServer relay(String target) throws Exception {
        return new RtmpIngestServer("127.0.0.1", 0, "live", (app, key, remote, refusal) -> {
            BytePipe pipe = new BytePipe(4 * 1024 * 1024, TIMEOUT);
            daemon("bench-relay", () -> forward(pipe, "relay", List.of(target)));
            return new RtmpIngestServer.Publication() {
                public void write(byte[] flv, int offset, int length) throws java.io.IOException {
                    pipe.write(flv, offset, length);
                }

                public void end() {
                    pipe.close();
                }

                public String describe() {
                    return "relay input";
                }
            };
        }, TIMEOUT, 4);
    }

    /** Reads an FLV stream and sends each packet at once, unchanged, to every RTMP {@code target}. */
    static void forward(BytePipe in, String name, List<String> targets) {
        AVPacket packet = Packets.alloc();
        List<Muxer> outs = new ArrayList<>();
        try (Demuxer demuxer = Demuxer.open(in, "flv", name, InputOptions.live(TIMEOUT))) {
            for (int i = 0; i < targets.size(); i++) {
                outs.add(Muxer.stream("flv", targets.get(i), name + " out " + i, demuxer.parameters(demuxer.videoIndex()),
                        demuxer.parameters(demuxer.audioIndex()), Map.of("flvflags", "no_duration_filesize"), TIMEOUT));
            }
            while (demuxer.read(packet)) {
                int index = packet.stream_index() == demuxer.videoIndex() ? Muxer.VIDEO
                        : packet.stream_index() == demuxer.audioIndex() ? Muxer.AUDIO : -1;
                if (index >= 0) {
                    Packets.rescale(packet, demuxer.timeBase(packet.stream_index()), Timestamps.MILLIS);
                    for (Muxer out : outs) {
                        AVPacket copy = Packets.cloneFor(packet, index);
                        try {
                            out.send(copy);
                        } finally {
                            avcodec.av_packet_free(copy);
                        }
                    }
                }
                Packets.unref(packet);
            }
        } catch (RuntimeException e) {
            say("%s ended: %s", name, e.getMessage());
        } finally {
            outs.forEach(Muxer::close);
            Packets.free(packet);
            in.close();
        }
    }

    /** A platform: an RTMP server in this JVM; every picture that arrives is decoded and its timecode read. */
    static final class Receiver implements AutoCloseable {
        final String name;
        final String url;
        private final RtmpSink sink;
        private final List<Long> latencies = new ArrayList<>();
        private long unreadable;
        private long arrival;

        Receiver(String name) throws Exception {
            this.name = name;
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            this.url = "rtmp://127.0.0.1:" + port + "/live/" + name + "-key-0123456789";
            this.sink = new RtmpSink("receiver " + name, port, null, () -> {
                BytePipe pipe = new BytePipe(4 * 1024 * 1024, TIMEOUT);
                daemon("bench-receiver-" + name, () -> read(pipe));
                return RtmpSink.toReader(pipe);
            }, TIMEOUT);
        }

        private void read(BytePipe pipe) {
            AVPacket packet = Packets.alloc();
            try (Demuxer demuxer = Demuxer.open(pipe, "flv", name, InputOptions.live(TIMEOUT));
                 StreamDecoder decoder = new StreamDecoder(demuxer.parameters(demuxer.videoIndex()), null, 1,
                         StreamDecoder.OnCorrupt.SKIP, "video")) {
                while (demuxer.read(packet)) {
                    arrival = System.currentTimeMillis(); // when the packet was in: the decoding is not the path's
                    if (packet.stream_index() == demuxer.videoIndex()) {
                        decoder.decode(packet, frame -> {
                            OptionalLong burnt = TimecodeReader.read(frame);
                            synchronized (latencies) {
                                if (burnt.isPresent()) {
                                    latencies.add(arrival - burnt.getAsLong());
                                } else {
                                    unreadable++;
                                }
                            }
                        });
                    }
                    Packets.unref(packet);
                }
            } catch (RuntimeException e) {
                say("receiver %s: %s", name, e.getMessage());
            } finally {
                Packets.free(packet);
                pipe.close();
            }
        }

        boolean readable() {
            synchronized (latencies) {
                return !latencies.isEmpty();
            }
        }

        void reset() {
            synchronized (latencies) {
                latencies.clear();
                unreadable = 0;
            }
        }

        List<Long> samples() {
            synchronized (latencies) {
                return new ArrayList<>(latencies);
            }
        }

        long unreadable() {
            synchronized (latencies) {
                return unreadable;
            }
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    static long pct(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip().replace(' ', '/');
    }

    static void say(String format, Object... args) {
        System.out.printf("# " + format + "%n", args);
    }
}
