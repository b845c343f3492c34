package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowLists;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowReports;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.processes.show.live.LiveMarkers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The show's clips from its markers — one per product slot that went on air, one per highlight the producer marked —
 * cut from the sealed recording ({@code manifestKey}) with the configured pre- and post-roll. A show that recorded
 * nothing has nothing to clip.
 */
@Component("planClips")
public class PlanClips implements JavaDelegate {

    private final Shows shows;
    private final ShowClips clips;
    private final ShowReports reports;
    private final ShowProperties properties;
    private final LiveMarkers markers;

    public PlanClips(Shows shows, ShowClips clips, ShowReports reports, ShowProperties properties, LiveMarkers markers) {
        this.markers = markers;
        this.shows = shows;
        this.clips = clips;
        this.reports = reports;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        List<Long> ids = List.of();
        if (show.manifestKey() != null) {
            List<LiveMarkers.Marker> marked = markers.ofShow(show.stationId(), show.id());
            List<Long> offAir = marked.stream().filter(m -> LiveMarkers.PRODUCT_OFF_AIR.equals(m.kind()))
                    .map(LiveMarkers.Marker::streamMillis).toList();
            List<ShowClips.Highlight> highlights = marked.stream().filter(m -> LiveMarkers.HIGHLIGHT.equals(m.kind()))
                    .map(m -> new ShowClips.Highlight(m.id(), m.streamMillis(), m.label())).toList();
            ids = clips.plan(show, shows.slots(show.id()), offAir, highlights, reports.recordingEndMillis(show),
                    properties.getHighlightBefore().toMillis(), properties.getHighlightAfter().toMillis());
        }
        execution.setVariable("clipIds", ShowLists.join(ids));
        execution.setVariable("manifestKey", show.manifestKey());
        execution.setVariable("preRollSeconds", properties.getPreRoll().toMillis() / 1000.0);
        execution.setVariable("postRollSeconds", properties.getPostRoll().toMillis() / 1000.0);
    }
}
