package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The warm-up goes on without a teaser: no product had a video, or marketers chose to after it failed. */
@Component("skipTeaser")
public class SkipTeaser implements JavaDelegate {

    private final Shows shows;


    public SkipTeaser(Shows shows) {
        this.shows = shows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String problem = ShowVariables.optionalText(execution, "teaserProblem");
        shows.setTeaser(ShowVariables.showId(execution), problem == null ? "NONE" : "FAILED",
                null, problem == null ? "No product of the rundown has a video" : problem);
    }
}
