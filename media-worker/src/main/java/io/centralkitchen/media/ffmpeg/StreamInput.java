package io.centralkitchen.media.ffmpeg;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * A Java byte stream as libavformat's input: a custom I/O context whose reads come from the stream; its end (or a
 * failing read) is the input's end. One native callback serves every stream (JavaCPP callbacks are costly to create and
 * must stay reachable); each stream is found by the address of its key.
 */
final class StreamInput implements AutoCloseable {

    private static final int BUFFER = 32 * 1024;
    private static final Map<Long, InputStream> STREAMS = new ConcurrentHashMap<>();
    private static final ReadCallback READ = new ReadCallback();

    private final IntPointer key = new IntPointer(1);
    private AVIOContext io;

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            InputStream in = STREAMS.get(opaque.address());
            if (in == null) {
                return AVERROR_EOF;
            }
            try {
                byte[] chunk = new byte[size];
                int n = in.read(chunk, 0, size);
                if (n <= 0) {
                    return AVERROR_EOF;
                }
                buffer.position(0).put(chunk, 0, n);
                return n;
            } catch (IOException e) {
                return AVERROR_EOF;
            }
        }
    }

    StreamInput(InputStream in) {
        STREAMS.put(key.address(), in);
        io = avio_alloc_context(new BytePointer(av_malloc(BUFFER)), BUFFER, 0, key, READ, null, null);
    }

    /** The I/O context to set as the format context's {@code pb} before opening (it stays ours to free). */
    AVIOContext io() {
        return io;
    }

    /** After the format context is closed. */
    @Override
    public void close() {
        if (io != null) {
            av_free(io.buffer());
            avio_context_free(io);
            io = null;
        }
        STREAMS.remove(key.address());
        key.close();
    }
}
