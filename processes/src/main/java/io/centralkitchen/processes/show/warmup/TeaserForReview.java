package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowTexts;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The teaser review task shows a preview link (renewed whenever the task is claimed) and what the teaser holds. */
@Component("teaserForReview")
public class TeaserForReview implements TaskListener {

    private final Shows shows;
    private final ShowLinks links;


    public TeaserForReview(Shows shows, ShowLinks links) {
        this.shows = shows;
        this.links = links;
    }

    @Override
    public void notify(DelegateTask task) {
        Show show = ShowVariables.show(task, shows);
        Object seconds = task.getVariable("teaserSeconds");
        task.setVariableLocal("airTimeText", ShowTexts.airTime(show.airTime()));
        task.setVariableLocal("teaserSummary", "[▶ Watch the teaser](" + links.preview(show.teaserKey()) + ")"
                + (seconds == null ? "" : " — " + seconds + " s") + "\n\nThe link works for a limited time; claiming the task renews it.");
    }
}
