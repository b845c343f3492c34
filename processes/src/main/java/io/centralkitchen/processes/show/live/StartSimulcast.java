package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The show goes on air on every destination (the slate plays until the studio feed arrives) and is recorded. */
@Component("startSimulcast")
public class StartSimulcast implements JavaDelegate {

    private final Shows shows;
    private final ShowLive live;


    public StartSimulcast(Shows shows, ShowLive live) {
        this.shows = shows;
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        live.start(ShowVariables.show(execution, shows));
        execution.setVariable("liveOutcome", "aired");
    }
}
