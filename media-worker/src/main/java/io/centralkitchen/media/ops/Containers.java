package io.centralkitchen.media.ops;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Which muxer an output file gets, and the options every output of that kind needs. */
public final class Containers {

    private Containers() {
    }

    /** The muxer for a file name: mp4 unless the extension says flv, mov, mkv or ts. */
    public static String formatFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".flv")) {
            return "flv";
        }
        if (name.endsWith(".mov")) {
            return "mov";
        }
        if (name.endsWith(".mkv")) {
            return "matroska";
        }
        if (name.endsWith(".ts")) {
            return "mpegts";
        }
        return "mp4";
    }

    /** MP4/MOV for the web: the index goes first so playback starts before the download ends. */
    public static Map<String, String> muxerOptions(String format) {
        return format.equals("mp4") || format.equals("mov") ? Map.of("movflags", "+faststart") : Map.of();
    }
}
