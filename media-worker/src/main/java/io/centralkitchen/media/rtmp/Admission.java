package io.centralkitchen.media.rtmp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who may hold a connection to the ingest ({@link IngestLimits}): connections per remote address are capped, and
 * connections that are not yet publishing live in a small pool ordered by age. A newcomer finding the pool (or the
 * whole server) full takes the place of the oldest pending connection, one still in its handshake first — a studio
 * encoder gets through its handshake and publish in milliseconds, a trickling client never finishes. A sweeper closes pending connections that miss
 * their handshake or publish deadline, whether their thread is blocked reading or writing.
 */
final class Admission implements AutoCloseable {

    /** One accepted connection's place. */
    final class Ticket {
        private final Socket socket;
        private final InetAddress address;
        private final long acceptedAt = System.nanoTime();
        private volatile long deadline = acceptedAt + limits.handshakeTimeout().toNanos();
        private volatile boolean handshaken;
        private boolean released;

        private Ticket(Socket socket) {
            this.socket = socket;
            this.address = socket.getInetAddress();
        }

        /** The handshake is done: {@code connect} and {@code publish} must follow before the publish deadline. */
        void handshaken() {
            handshaken = true;
            deadline = acceptedAt + limits.publishDeadline().toNanos();
        }

        /** The publish key was accepted: no longer pending, no deadline. False if the connection was cut off already. */
        boolean publishing() {
            synchronized (Admission.this) {
                pending.remove(this);
                deadline = Long.MAX_VALUE;
                return !released;
            }
        }

        /** The connection ended; its place is free. Safe to call more than once. */
        void release() {
            synchronized (Admission.this) {
                if (released) {
                    return;
                }
                released = true;
                pending.remove(this);
                total--;
                perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    private static final long WARN_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final IngestLimits limits;
    private final LinkedHashSet<Ticket> pending = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private int total;
    private int turnedAway;
    private long lastWarning = System.nanoTime() - WARN_EVERY;

    Admission(IngestLimits limits, String name) {
        this.limits = limits;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtmp-ingest-deadlines-" + name);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, limits.handshakeTimeout().toMillis() / 4));
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** A place for a new connection, or null: then the caller closes it. May close the oldest pending connection. */
    synchronized Ticket admit(Socket socket) {
        InetAddress address = socket.getInetAddress();
        if (perAddress.getOrDefault(address, 0) >= limits.maxPerAddress()) {
            turnedAway("more than " + limits.maxPerAddress() + " connections from " + address.getHostAddress());
            return null;
        }
        if (pending.size() >= limits.maxPending() || total >= limits.maxConnections()) {
            if (pending.isEmpty()) {
                turnedAway("all " + limits.maxConnections() + " connections are publishing");
                return null;
            }
            Ticket victim = oldestPending();
            victim.release();
            close(victim, "made room for a newer connection");
            turnedAway(victim.address.getHostAddress() + ", not publishing, gave way to " + address.getHostAddress());
        }
        Ticket ticket = new Ticket(socket);
        pending.add(ticket);
        total++;
        perAddress.merge(address, 1, Integer::sum);
        return ticket;
    }

    /** The oldest connection still in its handshake, else the oldest pending: a studio is past its handshake at once. */
    private Ticket oldestPending() {
        for (Ticket t : pending) {
            if (!t.handshaken) {
                return t;
            }
        }
        return pending.iterator().next();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized int connections() {
        return total;
    }

    private void sweep() {
        long now = System.nanoTime();
        List<Ticket> late = new ArrayList<>();
        synchronized (this) {
            for (Ticket t : pending) {
                if (now - t.deadline > 0) {
                    late.add(t);
                }
            }
        }
        for (Ticket t : late) {
            t.release();
            close(t, "missed its handshake or publish deadline");
        }
    }

    /** Each one at debug; a warning at most once a minute while the limits bite (a flood, or limits set too low). */
    private void turnedAway(String why) {
        turnedAway++;
        log.debug("RTMP ingest: {}", why);
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY) {
            log.warn("RTMP ingest under pressure: {} connection(s) refused or evicted since the last report (last: {})",
                    turnedAway, why);
            turnedAway = 0;
            lastWarning = now;
        }
    }

    private static void close(Ticket t, String why) {
        log.debug("RTMP ingest: closing {}: {}", t.socket.getRemoteSocketAddress(), why);
        try {
            t.socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
