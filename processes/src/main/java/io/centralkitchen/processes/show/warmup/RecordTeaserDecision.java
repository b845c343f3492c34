package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Approved, the teaser goes with every warm-up post; rejected, the posts go without it. */
@Component("recordTeaserDecision")
public class RecordTeaserDecision implements JavaDelegate {

    private final Shows shows;


    public RecordTeaserDecision(Shows shows) {
        this.shows = shows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean approved = "approve".equals(ShowVariables.optionalText(execution, "teaserDecision"));
        shows.setTeaser(ShowVariables.showId(execution), approved ? "APPROVED" : "REJECTED", null,
                ShowVariables.optionalText(execution, "teaserComment"));
    }
}
