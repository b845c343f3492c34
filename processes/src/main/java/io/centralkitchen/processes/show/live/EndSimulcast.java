package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The show goes off air everywhere and its recording is sealed; the manifest is what the clips are cut from. */
@Component("endSimulcast")
public class EndSimulcast implements JavaDelegate {

    private final Shows shows;
    private final ShowLive live;


    public EndSimulcast(Shows shows, ShowLive live) {
        this.shows = shows;
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("manifestKey", live.stop(ShowVariables.show(execution, shows)));
    }
}
