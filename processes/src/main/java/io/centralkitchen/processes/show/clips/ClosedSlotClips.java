package io.centralkitchen.processes.show.clips;

import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.LiveMarkers;
import io.centralkitchen.processes.show.live.RecordingIndex;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Clips as slots close: when a product goes on air, the product before it is over — its clip is planned (from its
 * marker to this one's, or to its own off-air marker) and a slot-clip instance cuts it as soon as the recording holds
 * it. Each stored segment nudges the show's waiting instances ({@link #segmentStored}).
 */
@Component
public class ClosedSlotClips {

    private static final Logger log = LoggerFactory.getLogger(ClosedSlotClips.class);

    private final Shows shows;
    private final ShowClips clips;
    private final LiveMarkers markers;
    private final RecordingIndex index;
    private final ShowProperties properties;
    private final RuntimeService runtime;

    public ClosedSlotClips(Shows shows, ShowClips clips, LiveMarkers markers, RecordingIndex index, ShowProperties properties,
                           RuntimeService runtime) {
        this.shows = shows;
        this.clips = clips;
        this.markers = markers;
        this.index = index;
        this.properties = properties;
        this.runtime = runtime;
    }

    /**
     * Slot {@code slotId} has just gone on air at program time {@code onAirMillis}: the slot on air before it closes;
     * its clip is planned and slot-clip started. Returns the clip's id, if any (none for the first product, or when
     * switched off).
     */
    public Optional<Long> slotOnAir(String stationId, String showId, long slotId, long onAirMillis) {
        if (!properties.isClipsWhileLive()) {
            return Optional.empty();
        }
        Optional<ShowSlot> closed = shows.slots(showId).stream()
                .filter(s -> s.onAir() && s.id() != slotId && s.onAirMillis() <= onAirMillis)
                .max(Comparator.comparingLong(ShowSlot::onAirMillis));
        Optional<String> recording = index.latestRecording(stationId, showId);
        if (closed.isEmpty() || recording.isEmpty()) {
            return Optional.empty();
        }
        long from = closed.get().onAirMillis();
        long out = markers.ofShow(stationId, showId).stream()
                .filter(m -> LiveMarkers.PRODUCT_OFF_AIR.equals(m.kind()) && m.streamMillis() > from && m.streamMillis() < onAirMillis)
                .mapToLong(LiveMarkers.Marker::streamMillis).min().orElse(onAirMillis);
        long clipId = clips.planClosedSlot(showId, recording.get(), closed.get(), out);
        runtime.createProcessInstanceByKey(ShowProcesses.SLOT_CLIP).processDefinitionTenantId(stationId).businessKey(showId)
                .setVariables(Map.of("showId", showId, "stationId", stationId, "clipId", clipId)).execute();
        return Optional.of(clipId);
    }

    /** A segment of a show's recording is stored: its slot-clip instances waiting for segments look again. */
    public void segmentStored(RecordingSegment segment) {
        try {
            runtime.createMessageCorrelation(ShowProcesses.SLOT_SEGMENTS_STORED).tenantId(segment.stationId())
                    .processInstanceBusinessKey(segment.showId()).correlateAllWithResult();
        } catch (RuntimeException e) {
            // a nudge only: the instance looks again on its own timer
            log.debug("Slot clips of show {} not nudged: {}", segment.showId(), e.getMessage());
        }
    }
}
