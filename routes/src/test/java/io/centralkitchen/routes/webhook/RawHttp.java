package io.centralkitchen.routes.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand, for deliveries no well-behaved client sends: a request whose body is never finished. The server's
 * answer arriving anyway proves it did not wait for — nor read — the rest of the body.
 */
final class RawHttp {

    record Reply(int status, String head, String body, long millis) {
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code bodyStart}, then only listens. */
    static Reply sendUnfinished(int port, String head, byte[] bodyStart) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bodyStart);
                out.flush();
            } catch (IOException answeredAlready) {
                // the server may answer and close before it took everything sent: read what it said
            }
            Reply reply = read(socket.getInputStream());
            return new Reply(reply.status(), reply.head(), reply.body(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The start of a chunked body: {@code chunks} chunks of {@code size} bytes each, and no last chunk. */
    static byte[] chunks(int chunks, int size, byte fill) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, fill);
        for (int i = 0; i < chunks; i++) {
            body.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(data);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return body.toByteArray();
    }

    static byte[] filled(int size, byte fill) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, fill);
        return data;
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("The server closed the connection without an answer: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headText.substring(9, 12));
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
        return new Reply(status, headText, new String(body, StandardCharsets.UTF_8), 0);
    }
}
