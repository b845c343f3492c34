package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A producer cancelled the show after a failed pre-flight: nothing goes on air, nothing is clipped. */
@Component("cancelShow")
public class CancelShow implements JavaDelegate {

    private final Shows shows;


    public CancelShow(Shows shows) {
        this.shows = shows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        shows.setState(ShowVariables.showId(execution), Show.CANCELLED);
        execution.setVariable("liveOutcome", "cancelled");
    }
}
