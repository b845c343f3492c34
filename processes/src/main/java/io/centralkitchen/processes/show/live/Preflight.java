package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowProcesses;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Before going live: the studio ingest is configured and can listen, every destination's server answers. */
@Component("preflight")
public class Preflight implements JavaDelegate {

    private final Shows shows;
    private final ShowLive live;


    public Preflight(Shows shows, ShowLive live) {
        this.shows = shows;
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<String> problems = live.preflight(ShowVariables.show(execution, shows));
        if (!problems.isEmpty()) {
            throw new BpmnError(ShowProcesses.PREFLIGHT_FAILED, "- " + String.join("\n- ", problems));
        }
    }
}
