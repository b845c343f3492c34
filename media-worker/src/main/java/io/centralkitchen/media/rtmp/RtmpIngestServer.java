package io.centralkitchen.media.rtmp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The platform's own RTMP ingest ({@code rtmp://<host>:<port>/<app>/<ingest key>}): one listening port for every
 * show. Each connection is served by its own thread, which speaks RTMP up to {@code publish}, asks the {@link Gate}
 * whether the key belongs to a show that is waiting for its feed, and then passes the audio/video messages on as an
 * FLV byte stream. A wrong key, a second publisher for a show or a "play" request is answered with an RTMP error
 * and the connection is closed — nothing else is touched, so a running show never notices. Until its key is accepted
 * a connection is a stranger held to {@link IngestLimits}: deadlines, a small pool of pending connections, caps per
 * address and on what it may make the server buffer.
 */
public final class RtmpIngestServer implements AutoCloseable {

    /** Decides about a publish request; the key itself must never be logged. */
    public interface Gate {
        /** A publication receiving the FLV stream, or null with the refusal put into {@code refusal[0]}. */
        Publication admit(String app, String key, String remote, String[] refusal);
    }

    /** Where an admitted publisher's stream goes. */
    public interface Publication {
        void write(byte[] flv, int offset, int length) throws IOException;

        /** The publisher left (or was cut off); called once. */
        void end();

        /** A masked name for logs. */
        String describe();
    }

    private static final Logger log = LoggerFactory.getLogger(RtmpIngestServer.class);

    private final ServerSocket server;
    private final String app;
    private final Gate gate;
    private final UnaryOperator<String> redactor;
    private final Duration timeout;
    private final IngestLimits limits;
    private final Admission admission;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean running = true;

    /** The default {@link IngestLimits} with {@code maxConnections} in all, a quarter of them (at least one) pending. */
    public RtmpIngestServer(String bindAddress, int port, String app, Gate gate, Duration timeout, int maxConnections)
            throws IOException {
        this(bindAddress, port, app, gate, timeout, IngestLimits.defaults()
                .withConnections(maxConnections, Math.max(1, maxConnections / 4), maxConnections), UnaryOperator.identity());
    }

    /**
     * @param timeout  a connection silent this long is closed (SO_TIMEOUT)
     * @param redactor applied to every message logged (errors may name a stream key)
     */
    public RtmpIngestServer(String bindAddress, int port, String app, Gate gate, Duration timeout, IngestLimits limits,
                            UnaryOperator<String> redactor) throws IOException {
        this.app = app;
        this.redactor = redactor;
        this.gate = gate;
        this.timeout = timeout;
        this.limits = limits;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 50);
        this.admission = new Admission(limits, String.valueOf(server.getLocalPort()));
        this.acceptor = new Thread(this::accept, "rtmp-ingest-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("RTMP ingest listening on rtmp://{}:{}/{}/<ingest key>", bindAddress, server.getLocalPort(), app);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String app() {
        return app;
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                Admission.Ticket ticket = admission.admit(socket);
                if (ticket == null) {
                    socket.close();
                    continue;
                }
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket, ticket), "rtmp-ingest-" + socket.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (SocketException closed) {
                if (running) {
                    log.warn("RTMP ingest accept failed: {}", closed.getMessage());
                }
            } catch (IOException e) {
                log.warn("RTMP ingest accept failed: {}", e.getMessage());
            }
        }
    }

    /** Garbage, limits exceeded and deadlines missed end here, logged as one debug line (never a stack trace). */
    private void serve(Socket socket, Admission.Ticket ticket) {
        try (socket) {
            socket.setSoTimeout((int) timeout.toMillis()); // the deadlines before publish are the sweeper's
            socket.setTcpNoDelay(true);
            new RtmpConnection(socket, app, gate, ticket, limits).run();
        } catch (IOException | RuntimeException e) {
            log.debug("RTMP ingest connection {} ended: {}: {}", socket.getRemoteSocketAddress(),
                    e.getClass().getSimpleName(), redactor.apply(String.valueOf(e.getMessage())));
        } finally {
            sockets.remove(socket);
            ticket.release();
        }
    }

    /** Connections at once, and those not (yet) publishing. */
    int[] connections() {
        return new int[]{admission.connections(), admission.pendingCount()};
    }

    @Override
    public void close() {
        running = false;
        admission.close();
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing the RTMP ingest: {}", e.getMessage());
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
