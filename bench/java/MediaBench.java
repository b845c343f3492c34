import io.centralkitchen.media.ops.ClipResult;
import io.centralkitchen.media.ops.CopyClip;
import io.centralkitchen.media.ops.EdgeEncoding;
import io.centralkitchen.media.ops.MediaInfo;
import io.centralkitchen.media.ops.Probe;
import io.centralkitchen.media.ops.ProgressListener;
import io.centralkitchen.media.ops.SmartCut;
import io.centralkitchen.media.ops.TimeRange;
import io.centralkitchen.media.ops.Transcode;
import io.centralkitchen.media.ops.TranscodeProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The four media figures, each against its reference in the same run. Wall times; every measurement is repeated,
 * alternating JavaCV and the ffmpeg CLI, and the fastest run of each counts (the machine is shared: a run slowed
 * down by a neighbour's build says nothing about either side).
 */
public class MediaBench {

    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int excerptSeconds = Integer.parseInt(args[2]);
        MediaInfo info = Probe.probe(recording);
        System.out.printf(Locale.ROOT, "recording: %s, %.0f s, %dx%d, %s, %d MB%n", recording, info.durationSeconds(),
                info.video().width(), info.video().height(), info.video().codec(), info.sizeBytes() >> 20);
        System.out.println("ffmpeg CLI: " + firstLine("ffmpeg", "-version"));

        // 1. Transcode to vertical-720x1280: an excerpt (copied out first, not timed), JavaCV vs CLI, same settings.
        TranscodeProfile vertical = TranscodeProfile.defaults().get("vertical-720x1280");
        Path excerpt = out.resolve("excerpt.mp4");
        CopyClip.cut(recording, TimeRange.ofSeconds(600, 600 + excerptSeconds), excerpt, ProgressListener.NONE);
        double fps = Probe.probe(excerpt).video().frameRate();
        List<String> cli = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", excerpt.toString(),
                "-vf", vertical.videoFilter(fps), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g",
                Integer.toString(vertical.gopFrames(fps))));
        vertical.x264Options().forEach((k, v) -> cli.addAll(List.of("-" + (k.equals("profile") ? "profile:v" : k), v)));
        cli.addAll(List.of("-c:a", "aac", "-b:a", Long.toString(vertical.audioBitrate()), "-ar",
                Integer.toString(vertical.audioSampleRate()), "-ac", Integer.toString(vertical.audioChannels()),
                "-movflags", "+faststart", out.resolve("vertical-cli.mp4").toString()));
        double javacvTranscode = Double.MAX_VALUE;
        double cliTranscode = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            javacvTranscode = Math.min(javacvTranscode, time(() -> Transcode.run(excerpt, vertical,
                    out.resolve("vertical-javacv.mp4"), ProgressListener.NONE)));
            cliTranscode = Math.min(cliTranscode, time(() -> run(cli)));
        }
        System.out.printf(Locale.ROOT, "transcode %d s excerpt to vertical-720x1280 (%s): JavaCV %.1f s, ffmpeg CLI %.1f s%n",
                excerptSeconds, vertical.fit(), javacvTranscode, cliTranscode);

        // 2. 20 product clips of 2-4 minutes by packet copy from the 60-minute recording.
        Random random = new Random(20251201);
        List<TimeRange> clips = new ArrayList<>();
        double totalClipSeconds = 0;
        for (int i = 0; i < 20; i++) {
            double length = 120 + random.nextInt(121);
            double start = random.nextInt((int) (info.durationSeconds() - length - 1));
            clips.add(TimeRange.ofSeconds(start, start + length));
            totalClipSeconds += length;
        }
        double javacvClips = Double.MAX_VALUE;
        double cliClips = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            javacvClips = Math.min(javacvClips, time(() -> {
                for (int i = 0; i < clips.size(); i++) {
                    CopyClip.cut(recording, clips.get(i), out.resolve("clip-javacv-" + i + ".mp4"), ProgressListener.NONE);
                }
            }));
            cliClips = Math.min(cliClips, time(() -> {
                for (int i = 0; i < clips.size(); i++) {
                    TimeRange r = clips.get(i);
                    run(List.of("ffmpeg", "-v", "error", "-y", "-ss", seconds(r.inMicros()), "-to", seconds(r.outMicros()),
                            "-i", recording.toString(), "-map", "0", "-c", "copy", "-movflags", "+faststart",
                            out.resolve("clip-cli-" + i + ".mp4").toString()));
                }
            }));
        }
        System.out.printf(Locale.ROOT, "20 copy clips, %.0f s of media: JavaCV %.2f s, ffmpeg CLI %.2f s%n",
                totalClipSeconds, javacvClips, cliClips);

        // 3. A 60 s frame-accurate clip: smart cut vs the same clip fully re-encoded (same x264 preset and CRF).
        TimeRange minute = TimeRange.ofSeconds(1234.56, 1294.56);
        double[] smart = {Double.MAX_VALUE};
        ClipResult[] cut = new ClipResult[1];
        double full = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            smart[0] = Math.min(smart[0], time(() -> cut[0] = SmartCut.cut(recording, minute,
                    out.resolve("smartcut.mp4"), EdgeEncoding.DEFAULT, ProgressListener.NONE)));
            full = Math.min(full, time(() -> run(List.of("ffmpeg", "-v", "error", "-y", "-ss", seconds(minute.inMicros()),
                    "-i", recording.toString(), "-t", "60", "-c:v", "libx264", "-preset", EdgeEncoding.DEFAULT.preset(),
                    "-crf", Integer.toString(EdgeEncoding.DEFAULT.crf()), "-c:a", "copy", "-movflags", "+faststart",
                    out.resolve("reencoded.mp4").toString()))));
        }
        System.out.printf(Locale.ROOT, "60 s frame-accurate clip: smart cut %.2f s (%.2f s re-encoded, duration %.3f s),"
                + " full re-encode %.2f s%n", smart[0], cut[0].reencodedMicros() / 1e6,
                Probe.probe(cut[0].file()).durationSeconds(), full);

        for (Path p : Files.newDirectoryStream(out, "clip-*.mp4")) {
            Files.deleteIfExists(p);
        }
        System.out.printf(Locale.ROOT, "transcode_ratio_vs_ffmpeg_cli=%.3f%n", javacvTranscode / cliTranscode);
        System.out.printf(Locale.ROOT, "copyclip_x_realtime=%.0f%n", totalClipSeconds / javacvClips);
        System.out.printf(Locale.ROOT, "copyclip_ratio_vs_ffmpeg_cli=%.3f%n", javacvClips / cliClips);
        System.out.printf(Locale.ROOT, "smartcut_ratio_vs_full_reencode=%.3f%n", smart[0] / full);
    }

    interface Work {
        void run() throws Exception;
    }

    static double time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Failed: " + String.join(" ", command));
        }
    }

    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1e6);
    }

    static String firstLine(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
        p.waitFor();
        return line;
    }
}
