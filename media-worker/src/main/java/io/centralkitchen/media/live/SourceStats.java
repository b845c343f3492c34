package io.centralkitchen.media.live;

import java.time.Instant;

/**
 * One source of a show at a glance: whether it is connected and on air, what it carries, where it comes from (masked:
 * a published source's ingest URL shows only the last four characters of its key).
 */
public record SourceStats(String name, String mode, boolean backup, boolean connected, boolean onAir, int width, int height,
                          double fps, String ingest, Instant connectedAt) {
}
