package io.centralkitchen.media.rtmp;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reassembles RTMP messages from the chunks of one connection, within {@link IngestLimits.Chunks}. A declared message
 * length reserves nothing: a message's buffer grows (at most doubling, never past the declared length) as its bytes
 * arrive, and the memory held by all partly assembled messages is counted against the cap. Set-chunk-size and abort
 * messages are handled here; every other message is returned whole.
 */
final class ChunkReader {

    /** A peer asked for more than its limits allow; the connection should be closed. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    record Message(int type, int streamId, long timestamp, byte[] payload) {
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int SET_CHUNK_SIZE = 1;
    private static final int ABORT = 2;
    /** Larger chunk sizes are equivalent: no message is longer (RTMP 5.4.1). */
    private static final int LARGEST_USEFUL_CHUNK = 0xFFFFFF;

    private static final class ChunkStream {
        long timestamp;
        long tsField;
        int length;
        int type;
        int streamId;
        boolean extended;
        byte[] buffer;
        int filled;
    }

    private final DataInputStream in;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private IngestLimits.Chunks limits;
    private int chunkSize = 128;
    private long buffered;
    private long received;

    ChunkReader(DataInputStream in, IngestLimits.Chunks limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Changes the caps, e.g. once the publisher is admitted. */
    void limits(IngestLimits.Chunks limits) {
        this.limits = limits;
    }

    /** Bytes read so far (for acknowledgements). */
    long received() {
        return received;
    }

    /** Memory held by partly assembled messages. */
    long buffered() {
        return buffered;
    }

    int chunkSize() {
        return chunkSize;
    }

    /** Reads chunks until a message other than a protocol control message is complete. */
    Message next() throws IOException {
        while (true) {
            Message message = readChunk();
            if (message == null) {
                continue;
            }
            switch (message.type()) {
                case SET_CHUNK_SIZE -> chunkSize = requestedChunkSize(message.payload());
                case ABORT -> discard(streams.get(int32(message.payload(), "abort")));
                default -> {
                    return message;
                }
            }
        }
    }

    private Message readChunk() throws IOException {
        int first = in.readUnsignedByte();
        int fmt = first >> 6;
        int csid = first & 0x3f;
        if (csid == 0) {
            csid = 64 + in.readUnsignedByte();
            received += 1;
        } else if (csid == 1) {
            csid = 64 + in.readUnsignedByte() + 256 * in.readUnsignedByte();
            received += 2;
        }
        ChunkStream cs = stream(csid);
        readHeader(fmt, cs);
        int n = Math.min(chunkSize, cs.length - cs.filled);
        reserve(cs, cs.filled + n);
        in.readFully(cs.buffer, cs.filled, n);
        cs.filled += n;
        received += 1 + n;
        if (cs.filled < cs.length) {
            return null;
        }
        byte[] payload = cs.buffer;
        buffered -= payload.length;
        cs.buffer = null;
        cs.filled = 0;
        return new Message(cs.type, cs.streamId, cs.timestamp, payload);
    }

    private ChunkStream stream(int csid) throws LimitExceeded {
        ChunkStream cs = streams.get(csid);
        if (cs == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new LimitExceeded("More than " + limits.maxChunkStreams() + " RTMP chunk streams");
            }
            cs = new ChunkStream();
            streams.put(csid, cs);
        }
        return cs;
    }

    private void readHeader(int fmt, ChunkStream cs) throws IOException {
        long field = 0;
        if (fmt <= 2) {
            field = read24();
            received += 3;
            if (fmt <= 1) {
                int length = read24();
                if (length > limits.maxMessageLength()) {
                    throw new LimitExceeded("RTMP message of " + length + " bytes (at most " + limits.maxMessageLength() + ")");
                }
                discard(cs); // a new header in the middle of a message abandons it
                cs.length = length;
                cs.type = in.readUnsignedByte();
                received += 4;
                if (fmt == 0) {
                    cs.streamId = Integer.reverseBytes(in.readInt());
                    received += 4;
                }
            }
            cs.extended = field == 0xFFFFFF;
            if (cs.extended) {
                field = in.readInt() & 0xFFFFFFFFL;
                received += 4;
            }
        } else if (cs.extended) {
            in.readInt(); // the extended timestamp, repeated on continuation chunks
            received += 4;
        }
        if (cs.filled == 0) {
            if (fmt == 0) {
                cs.timestamp = field;
                cs.tsField = field;
            } else if (fmt <= 2) {
                cs.timestamp += field;
                cs.tsField = field;
            } else {
                cs.timestamp += cs.tsField;
            }
        }
    }

    /** Makes room for {@code needed} bytes of the message, growing its buffer by at most doubling. */
    private void reserve(ChunkStream cs, int needed) throws LimitExceeded {
        if (cs.length == 0) {
            cs.buffer = EMPTY;
            return;
        }
        int capacity = cs.buffer == null ? 0 : cs.buffer.length;
        if (capacity >= needed) {
            return;
        }
        int grown = Math.min(cs.length, Math.max(needed, capacity * 2));
        if (buffered + grown - capacity > limits.maxBufferedBytes()) {
            throw new LimitExceeded("More than " + limits.maxBufferedBytes() + " bytes of unfinished RTMP messages");
        }
        cs.buffer = cs.buffer == null ? new byte[grown] : Arrays.copyOf(cs.buffer, grown);
        buffered += grown - capacity;
    }

    private void discard(ChunkStream cs) {
        if (cs != null && cs.buffer != null) {
            buffered -= cs.buffer.length;
            cs.buffer = null;
            cs.filled = 0;
        }
    }

    private int requestedChunkSize(byte[] payload) throws IOException {
        int size = int32(payload, "set chunk size") & 0x7fffffff;
        if (size < 1) {
            throw new IOException("RTMP chunk size 0");
        }
        size = Math.min(size, LARGEST_USEFUL_CHUNK);
        if (size > limits.maxChunkSize()) {
            throw new LimitExceeded("RTMP chunk size " + size + " (at most " + limits.maxChunkSize() + ")");
        }
        return size;
    }

    private static int int32(byte[] payload, String what) throws IOException {
        if (payload.length < 4) {
            throw new IOException("RTMP " + what + " message of " + payload.length + " bytes");
        }
        return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
    }

    private int read24() throws IOException {
        return (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
    }
}
