package io.centralkitchen.media.rtmp;

import java.time.Duration;

/**
 * What an RTMP client may cost the node. Until its publish key is accepted a client is a stranger: it gets a short
 * deadline, a place in a small pool of pending connections (the oldest stranger gives way to a newcomer when the pool
 * is full, so trickling clients cannot hold the slots a studio needs) and tight caps on what it may make the server
 * buffer. An admitted publisher gets larger caps, still bounded.
 *
 * @param handshakeTimeout the RTMP handshake must be complete within this after the connection is accepted
 * @param publishDeadline  handshake, {@code connect} and an accepted {@code publish} within this, or the connection is
 *                         closed
 * @param maxConnections   connections at once, publishing or not
 * @param maxPending       connections at once that have not been admitted as publishers (fewer than the total)
 * @param maxPerAddress    connections at once from one remote address
 * @param beforePublish    chunk-stream caps until the publish key is accepted
 * @param publishing       chunk-stream caps for an admitted publisher
 */
public record IngestLimits(Duration handshakeTimeout, Duration publishDeadline, int maxConnections, int maxPending,
                           int maxPerAddress, Chunks beforePublish, Chunks publishing) {

    /**
     * Caps on one connection's chunk stream. Message buffers grow as bytes arrive, so a declared length costs nothing
     * until the bytes are really sent; what is counted is the memory actually held by partly assembled messages.
     *
     * @param maxChunkSize     largest chunk size the peer may set
     * @param maxMessageLength largest message length the peer may declare
     * @param maxChunkStreams  chunk stream ids in use at once
     * @param maxBufferedBytes memory held by partly assembled messages, all chunk streams together
     */
    public record Chunks(int maxChunkSize, int maxMessageLength, int maxChunkStreams, int maxBufferedBytes) {
        public Chunks {
            if (maxChunkSize < 128 || maxMessageLength < 1 || maxChunkStreams < 1 || maxBufferedBytes < maxMessageLength) {
                throw new IllegalArgumentException("Chunk limits out of range: " + maxChunkSize + "/" + maxMessageLength
                        + "/" + maxChunkStreams + "/" + maxBufferedBytes);
            }
        }
    }

    /** Commands before publish are small: {@code connect} with its properties is well under a kilobyte. */
    public static final Chunks BEFORE_PUBLISH = new Chunks(64 * 1024, 64 * 1024, 16, 128 * 1024);
    /** A keyframe of a high-bitrate 4K feed fits; the chunk size is the protocol's effective maximum. */
    public static final Chunks PUBLISHING = new Chunks(0xFFFFFF, 8 * 1024 * 1024, 64, 16 * 1024 * 1024);

    public IngestLimits {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || publishDeadline.compareTo(handshakeTimeout) < 0) {
            throw new IllegalArgumentException("The publish deadline (" + publishDeadline
                    + ") must be positive and no shorter than the handshake timeout (" + handshakeTimeout + ")");
        }
        if (maxConnections < 1 || maxPending < 1 || maxPending > maxConnections || maxPerAddress < 1) {
            throw new IllegalArgumentException("Connection limits out of range: total " + maxConnections + ", pending "
                    + maxPending + ", per address " + maxPerAddress);
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 64, 16, 16, BEFORE_PUBLISH, PUBLISHING);
    }

    /** The same limits with other connection counts; the pending pool is clamped to the total. */
    public IngestLimits withConnections(int total, int pending, int perAddress) {
        return new IngestLimits(handshakeTimeout, publishDeadline, total, Math.min(pending, total), perAddress,
                beforePublish, publishing);
    }

    public IngestLimits withDeadlines(Duration handshake, Duration publish) {
        return new IngestLimits(handshake, publish, maxConnections, maxPending, maxPerAddress, beforePublish, publishing);
    }

    public IngestLimits withChunks(Chunks before, Chunks after) {
        return new IngestLimits(handshakeTimeout, publishDeadline, maxConnections, maxPending, maxPerAddress, before, after);
    }
}
