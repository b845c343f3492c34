package io.centralkitchen.processes.show;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a producer plans (REST body, Tasklist start form, the demo). Unset optional values get defaults when the plan is
 * checked ({@code show.plan.ShowPlanner}).
 */
public record ShowPlan(String id, String stationId, String title, String airTime, List<String> hosts, Ingest ingest,
                       List<Destination> destinations, List<Slot> slots) {

    public record Ingest(String mode, String keySecretId) {
    }

    public record Destination(String id, String preset, String secretId, String platform, String liveRoomId) {
    }

    public record Slot(Long productId, Integer plannedSeconds, BigDecimal price, FlashSale flashSale) {
    }

    public record FlashSale(BigDecimal price, Integer stock) {
    }
}
