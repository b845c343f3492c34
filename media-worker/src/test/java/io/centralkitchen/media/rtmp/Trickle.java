package io.centralkitchen.media.rtmp;

import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Many clients, each from its own address, sending a byte of a handshake every {@code periodMillis} and coming back
 * at once when the server closes them: the attack that used to hold every ingest slot.
 */
final class Trickle implements AutoCloseable {

    private final int port;
    private final HostileClient[] clients;
    private final AtomicInteger cutOff = new AtomicInteger();
    private final AtomicInteger maxPending = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final IntSupplier pending;

    Trickle(int port, int clients, long periodMillis, IntSupplier pending) {
        this.port = port;
        this.clients = new HostileClient[clients];
        this.pending = pending;
        timer.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        for (int i = 0; i < clients.length; i++) {
            try {
                if (clients[i] == null) {
                    clients[i] = new HostileClient(port, HostileClient.address(300 + i));
                    clients[i].send(new byte[]{3});
                } else if (!clients[i].send(new byte[1])) {
                    clients[i].close();
                    clients[i] = null;
                    cutOff.incrementAndGet();
                }
            } catch (UncheckedIOException refusedAtConnect) {
                clients[i] = null;
            }
        }
        maxPending.accumulateAndGet(pending.getAsInt(), Math::max);
    }

    /** Connections the server closed. */
    int cutOff() {
        return cutOff.get();
    }

    /** The most connections pending (not publishing) seen at once. */
    int maxPendingSeen() {
        return maxPending.get();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        for (HostileClient client : clients) {
            if (client != null) {
                client.close();
            }
        }
    }
}
