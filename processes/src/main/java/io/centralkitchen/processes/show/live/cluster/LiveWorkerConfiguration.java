package io.centralkitchen.processes.show.live.cluster;

import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.RecordingIndex;
import io.centralkitchen.processes.station.StationLiveSecrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.time.Duration;

/**
 * The live worker of this node ({@code kitchen.live.worker.*}): on by default (the embedded platform runs its shows
 * itself); engine-only nodes turn it off and leave the shows to the live workers of the fleet.
 */
@Configuration
public class LiveWorkerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression("${kitchen.live.worker.enabled:true} and ${kitchen.live.enabled:true}")
    public LiveWorker liveWorker(LiveEngine engine, Shows shows, StationLiveSecrets secrets, RecordingIndex index,
                                 RecordingGaps gaps, LiveLeases leases, LiveWorkers workers, LiveCommands commands,
                                 LiveStatuses statuses, LiveOwnership ownership,
                                 io.centralkitchen.processes.show.live.LiveCutMarkers cuts,
                                 @Value("${kitchen.live.worker.id:}") String id,
                                 @Value("${kitchen.live.worker.pool:default}") String pool,
                                 @Value("${kitchen.live.worker.slots:4}") int slots,
                                 @Value("${kitchen.live.worker.lease:PT8S}") Duration lease,
                                 @Value("${kitchen.live.worker.heartbeat:PT2S}") Duration heartbeat,
                                 @Value("${kitchen.live.worker.command-poll:PT0.2S}") Duration commandPoll,
                                 @Value("${kitchen.live.worker.status-every:PT1S}") Duration statusEvery) {
        if (slots < 1 || slots > 256) {
            throw new IllegalArgumentException("kitchen.live.worker.slots must be 1 to 256, got " + slots);
        }
        if (heartbeat.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("kitchen.live.worker.lease (" + lease + ") must be at least two heartbeats ("
                    + heartbeat + ")");
        }
        String workerId = id == null || id.isBlank() ? "live-worker@" + host() + ":" + ProcessHandle.current().pid() : id;
        LiveWorker.Settings settings = new LiveWorker.Settings(workerId, pool, slots, lease, heartbeat, commandPoll, statusEvery);
        return new LiveWorker(settings, leases, workers, commands, statuses,
                new EngineRunner(engine, shows, secrets, index, gaps, commands, ownership, workerId, cuts));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
