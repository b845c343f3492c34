package io.centralkitchen.media.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;

/**
 * A raw TCP client of the ingest that means harm, from its own loopback address (127.0.0.x: the server counts
 * connections per address, and a studio publishes from 127.0.0.1).
 */
final class HostileClient implements AutoCloseable {

    private final Socket socket;
    private volatile boolean closedByServer;

    HostileClient(int port, String from) {
        try {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect from " + from, e);
        }
    }

    static String address(int n) {
        return "127.0." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The plain RTMP handshake, as a well-behaved client does it. */
    HostileClient handshake() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(3);
        out.write(new byte[1536]);
        out.flush();
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(5_000);
        byte[] s = new byte[1 + 1536 + 1536];
        for (int read = 0; read < s.length; ) {
            int n = in.read(s, read, s.length - read);
            if (n < 0) {
                throw new IOException("The server hung up during the handshake");
            }
            read += n;
        }
        out.write(s, 1, 1536);
        out.flush();
        return this;
    }

    /** Sends bytes; false once the server has hung up. */
    boolean send(byte[] data) {
        try {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException hungUp) {
            return false;
        }
    }

    /** Whether the server has closed the connection; reads (and drops) whatever it sent, waiting at most 20 ms. */
    boolean closedByServer() {
        if (closedByServer) {
            return true;
        }
        try {
            socket.setSoTimeout(20);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // what the server said before hanging up
            }
            closedByServer = true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            closedByServer = true;
        }
        return closedByServer;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone anyway
        }
    }
}
