package io.centralkitchen.media.ops;

/**
 * How a smart cut re-encodes the partial groups of pictures at its edges: x264 at a quality that is hard to tell
 * from the copied middle. The edges are short (under one keyframe interval each), so a slower preset costs little.
 */
public record EdgeEncoding(String preset, int crf) {

    public static final EdgeEncoding DEFAULT = new EdgeEncoding("fast", 18);
}
