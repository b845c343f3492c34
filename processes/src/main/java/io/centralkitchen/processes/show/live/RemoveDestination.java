package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A producer gave up on a failing destination: it leaves the show; the others are not touched. */
@Component("removeDestination")
public class RemoveDestination implements JavaDelegate {

    private final ShowLive live;


    public RemoveDestination(ShowLive live) {
        this.live = live;
    }

    @Override
    public void execute(DelegateExecution execution) {
        live.removeDestination(ShowVariables.showId(execution), ShowVariables.text(execution, "alarmDestination"));
    }
}
