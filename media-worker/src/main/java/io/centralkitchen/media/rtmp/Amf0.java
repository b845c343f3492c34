package io.centralkitchen.media.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The part of AMF0 that RTMP commands use: numbers, booleans, strings, objects, null (read and write). */
final class Amf0 {

    static final Object UNDEFINED = new Object();
    /** Commands and metadata nest two or three levels; a stranger's deeper nesting is refused, not recursed into. */
    static final int MAX_DEPTH = 16;

    private Amf0() {
    }

    static List<Object> decodeAll(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(decode(in, 0));
        }
        return values;
    }

    private static Object decode(ByteBuffer in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("AMF0 nested deeper than " + MAX_DEPTH);
        }
        int type = in.get() & 0xff;
        switch (type) {
            case 0: return in.getDouble();
            case 1: return in.get() != 0;
            case 2: return string(in, in.getShort() & 0xffff);
            case 3: return properties(in, new LinkedHashMap<>(), depth + 1);
            case 5: return null;
            case 6: return UNDEFINED;
            case 8: in.getInt(); return properties(in, new LinkedHashMap<>(), depth + 1);
            case 10: {
                int n = in.getInt();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(decode(in, depth + 1));
                }
                return list;
            }
            case 11: { double t = in.getDouble(); in.getShort(); return t; }
            case 12: return string(in, in.getInt());
            default: throw new IllegalArgumentException("Unsupported AMF0 type " + type);
        }
    }

    private static Map<String, Object> properties(ByteBuffer in, Map<String, Object> into, int depth) {
        while (true) {
            int length = in.getShort() & 0xffff;
            if (length == 0 && (in.get(in.position()) & 0xff) == 9) {
                in.get();
                return into;
            }
            String key = string(in, length);
            into.put(key, decode(in, depth));
        }
    }

    /** A declared length is checked against the bytes really there before anything is allocated. */
    private static String string(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("AMF0 string of " + Integer.toUnsignedString(length) + " bytes in "
                    + in.remaining());
        }
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] encode(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : values) {
            write(out, v);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write(5);
        } else if (v == UNDEFINED) {
            out.write(6);
        } else if (v instanceof Number n) {
            out.write(0);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(n.doubleValue()).array());
        } else if (v instanceof Boolean b) {
            out.write(1);
            out.write(b ? 1 : 0);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(2);
            out.write(b.length >> 8);
            out.write(b.length);
            out.writeBytes(b);
        } else if (v instanceof Map<?, ?> map) {
            out.write(3);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.write(k.length >> 8);
                out.write(k.length);
                out.writeBytes(k);
                write(out, e.getValue());
            }
            out.write(0);
            out.write(0);
            out.write(9);
        } else {
            throw new IllegalArgumentException("Cannot write " + v.getClass() + " as AMF0");
        }
    }
}
