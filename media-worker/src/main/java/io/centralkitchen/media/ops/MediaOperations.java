package io.centralkitchen.media.ops;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The media operations as one plain Java API, configured with the rendition profiles, the teaser font and the smart
 * cut's edge encoding. Thread-safe: every call works on its own files and native contexts, so several run at once.
 * Inputs and outputs are local files; the worker moves them to and from storage.
 */
public final class MediaOperations {

    private final Map<String, TranscodeProfile> profiles;
    private final String teaserFont;
    private final EdgeEncoding edgeEncoding;
    private final MediaLimits limits;

    public MediaOperations(Map<String, TranscodeProfile> profiles, String teaserFont, EdgeEncoding edgeEncoding) {
        this(profiles, teaserFont, edgeEncoding, MediaLimits.DEFAULTS);
    }

    /** @param limits what a source may be (size, duration, streams), for every operation alike */
    public MediaOperations(Map<String, TranscodeProfile> profiles, String teaserFont, EdgeEncoding edgeEncoding,
                           MediaLimits limits) {
        this.profiles = Map.copyOf(profiles);
        this.teaserFont = teaserFont;
        this.edgeEncoding = edgeEncoding;
        this.limits = limits;
    }

    public MediaLimits limits() {
        return limits;
    }

    /** Built-in profiles, the bundled CJK font, default edge encoding. */
    public static MediaOperations defaults() {
        return new MediaOperations(TranscodeProfile.defaults(), TeaserFont.DEFAULT, EdgeEncoding.DEFAULT);
    }

    public Map<String, TranscodeProfile> profiles() {
        return new TreeMap<>(profiles);
    }

    /** The profile of that name; an unknown name is bad input naming the known ones. */
    public TranscodeProfile profile(String name) {
        TranscodeProfile profile = name == null ? null : profiles.get(name);
        if (profile == null) {
            throw new MediaInvalidException("Unknown profile '" + name + "'. Known profiles: "
                    + String.join(", ", profiles().keySet()) + " (kitchen.media.profiles.*).");
        }
        return profile;
    }

    public MediaInfo probe(Path source) {
        return Probe.probe(source, limits);
    }

    public Transcode.Result transcode(Path source, TranscodeProfile profile, Path target, ProgressListener listener) {
        return Transcode.run(source, profile, target, listener, limits);
    }

    public ClipResult copyClip(Path source, TimeRange range, Path target, ProgressListener listener) {
        return CopyClip.cut(source, range, target, listener, limits);
    }

    public ClipResult smartCut(Path source, TimeRange range, Path target, ProgressListener listener) {
        return SmartCut.cut(source, range, target, edgeEncoding, listener, limits);
    }

    public Cover.Result coverAt(Path source, long micros, Path target) {
        return Cover.at(source, micros, target, limits);
    }

    public Cover.Result sharpestCover(Path source, TimeRange range, Path target, ProgressListener listener) {
        return Cover.sharpest(source, range, 16, target, listener, limits);
    }

    /** Renders a teaser; a spec without a font location gets the configured teaser font. */
    public Teaser.Result teaser(TeaserSpec spec, Path target, ProgressListener listener) {
        TeaserSpec withFont = spec.fontLocation() == null
                ? new TeaserSpec(spec.parts(), spec.profile(), spec.showLine(), spec.fadeMicros(), teaserFont, spec.watermark()) : spec;
        return Teaser.render(withFont, target, listener);
    }

    /**
     * A rendition of a whole clip that sells: the picture fitted into the profile (its fit: crop, blur-pad or the
     * vertical layout), the product's name and price in a caption band, the station's watermark — drawn with the
     * teaser's text rendering into one transparent picture that the transcode's filter graph lays over every frame.
     * Blank texts are left out.
     */
    public Transcode.Result captioned(Path source, TranscodeProfile profile, String title, String price, String watermark,
                                      Path target, ProgressListener listener) {
        return captioned(source, profile, title, price, Watermark.text(watermark), target, listener);
    }

    /** The same with a mark of the station's or the platform's own: text and/or logo, in its corner. */
    public Transcode.Result captioned(Path source, TranscodeProfile profile, String title, String price, Watermark mark,
                                      Path target, ProgressListener listener) {
        java.awt.image.BufferedImage caption = Caption.render(profile.width(), profile.height(), TeaserFont.load(teaserFont),
                title, price, null, mark);
        Path overlay = target.resolveSibling(target.getFileName() + ".caption.png");
        try {
            javax.imageio.ImageIO.write(caption, "png", overlay.toFile());
            return Transcode.run(source, profile, target, listener, limits, overlay);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot write the caption picture " + overlay + ": " + e.getMessage(), e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(overlay);
            } catch (java.io.IOException ignored) {
                // a leftover in the job's work directory goes with it
            }
        }
    }
}
