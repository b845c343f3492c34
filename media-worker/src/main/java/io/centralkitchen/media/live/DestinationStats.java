package io.centralkitchen.media.live;

import java.time.Instant;

/**
 * A destination's health as producers and monitoring see it. {@code target} is masked; {@code lastError} is
 * redacted.
 */
public record DestinationStats(String id, String preset, String platform, String protocol, String profile,
                               String orientation, String target, String state, double bitrateKbps, double fps,
                               int queuedPackets, long droppedPackets, long reconnects, long packetsSent,
                               long lastTimestampMillis, String lastError, Instant lastErrorAt, Instant connectedSince) {
}
