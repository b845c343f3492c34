package io.centralkitchen.media.ops;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The font teaser text is set in. It must show Chinese (and Latin, digits, ¥) on a machine with only Java installed,
 * so the default is WenQuanYi Zen Hei, which the build puts on the classpath; {@code kitchen.media.teaser.font} may
 * name another TrueType/OpenType file or classpath resource.
 */
public final class TeaserFont {

    public static final String DEFAULT = "classpath:io/centralkitchen/media/fonts/WenQuanZhengHei.ttf";
    private static final Map<String, Font> LOADED = new ConcurrentHashMap<>();

    private TeaserFont() {
    }

    /** Loads (once) the font at {@code location}: "classpath:path/in/jar.ttf" or a file path. */
    public static Font load(String location) {
        String where = location == null || location.isBlank() ? DEFAULT : location.strip();
        return LOADED.computeIfAbsent(where, TeaserFont::read);
    }

    private static Font read(String location) {
        try (InputStream in = open(location)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("Cannot load the teaser font '" + location + "' (kitchen.media.teaser.font): "
                    + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = TeaserFont.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
