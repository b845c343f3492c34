package io.centralkitchen.media.rtmp;

import java.io.ByteArrayOutputStream;

/** Writes RTMP chunks as a client would (or as a hostile one would): for tests of the ingest. */
final class ChunkWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A type-0 chunk header: the whole message header, on any chunk stream id (2 to 65599). */
    ChunkWriter header(int csid, int length, int type) {
        basic(0, csid);
        int24(0);
        int24(length);
        out.write(type);
        out.writeBytes(new byte[]{1, 0, 0, 0});
        return this;
    }

    /** A type-3 chunk header: the next chunk of the message in progress on {@code csid}. */
    ChunkWriter continuation(int csid) {
        basic(3, csid);
        return this;
    }

    ChunkWriter bytes(byte[] data, int offset, int length) {
        out.write(data, offset, length);
        return this;
    }

    ChunkWriter zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** A whole message in chunks of {@code chunkSize}. */
    ChunkWriter message(int csid, int type, byte[] payload, int chunkSize) {
        header(csid, payload.length, type);
        for (int offset = 0; offset < payload.length; offset += chunkSize) {
            if (offset > 0) {
                continuation(csid);
            }
            bytes(payload, offset, Math.min(chunkSize, payload.length - offset));
        }
        return this;
    }

    ChunkWriter setChunkSize(int size) {
        return message(2, 1, new byte[]{(byte) (size >> 24), (byte) (size >> 16), (byte) (size >> 8), (byte) size}, 128);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void basic(int fmt, int csid) {
        if (csid < 64) {
            out.write(fmt << 6 | csid);
        } else if (csid < 320) {
            out.write(fmt << 6);
            out.write(csid - 64);
        } else {
            out.write(fmt << 6 | 1);
            out.write((csid - 64) & 0xff);
            out.write((csid - 64) >> 8);
        }
    }

    private void int24(int v) {
        out.write(v >> 16);
        out.write(v >> 8);
        out.write(v);
    }
}
