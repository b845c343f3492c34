package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowLists;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowReports;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * One clip per product slot that went on air, cut from the sealed recording ({@code manifestKey}) with the configured
 * pre- and post-roll. A show that recorded nothing has nothing to clip.
 */
@Component("planClips")
public class PlanClips implements JavaDelegate {

    private final Shows shows;
    private final ShowClips clips;
    private final ShowReports reports;
    private final ShowProperties properties;


    public PlanClips(Shows shows, ShowClips clips, ShowReports reports, ShowProperties properties) {
        this.shows = shows;
        this.clips = clips;
        this.reports = reports;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        List<Long> ids = show.manifestKey() == null ? List.of()
                : clips.plan(show, shows.slots(show.id()), reports.recordingEndMillis(show));
        execution.setVariable("clipIds", ShowLists.join(ids));
        execution.setVariable("manifestKey", show.manifestKey());
        execution.setVariable("preRollSeconds", properties.getPreRoll().toMillis() / 1000.0);
        execution.setVariable("postRollSeconds", properties.getPostRoll().toMillis() / 1000.0);
    }
}
