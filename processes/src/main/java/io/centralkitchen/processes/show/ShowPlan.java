package io.centralkitchen.processes.show;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a producer plans (REST body, Tasklist start form, the demo). Unset optional values get defaults when the plan is
 * checked ({@code show.plan.ShowPlanner}). {@code hostIds} name the station's hosts (commerce desk) presenting the
 * show, a slot's {@code hostIds} those presenting that product (none: the show's hosts); with host ids the show's
 * {@code hosts} text is made of their display names. {@code sources} is optional: two or more named sources to cut
 * between (then {@code ingest} may be left out); without them the show has its single {@code ingest}.
 */
public record ShowPlan(String id, String stationId, String title, String airTime, List<String> hosts, Ingest ingest,
                       List<Destination> destinations, List<Slot> slots, List<Long> hostIds, List<Source> sources) {

    public ShowPlan(String id, String stationId, String title, String airTime, List<String> hosts, Ingest ingest,
                    List<Destination> destinations, List<Slot> slots) {
        this(id, stationId, title, airTime, hosts, ingest, destinations, slots, null, null);
    }

    /** A named source: {@code mode} PUBLISH, PULL or TEST_PATTERN like the ingest, {@code backup} at most one. */
    public record Source(String name, String mode, String keySecretId, Boolean backup) {
    }

    public record Ingest(String mode, String keySecretId) {
    }

    public record Destination(String id, String preset, String secretId, String platform, String liveRoomId) {
    }

    public record Slot(Long productId, Integer plannedSeconds, BigDecimal price, FlashSale flashSale, List<Long> hostIds) {

        public Slot(Long productId, Integer plannedSeconds, BigDecimal price, FlashSale flashSale) {
            this(productId, plannedSeconds, price, flashSale, null);
        }
    }

    public record FlashSale(BigDecimal price, Integer stock) {
    }
}
