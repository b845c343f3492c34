package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The rendered teaser is linked to the show, waiting for the marketers' review. */
@Component("recordTeaser")
public class RecordTeaser implements JavaDelegate {

    private final Shows shows;


    public RecordTeaser(Shows shows) {
        this.shows = shows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        shows.setTeaser(ShowVariables.showId(execution), "RENDERED", ShowVariables.text(execution, "teaserKey"), null);
    }
}
