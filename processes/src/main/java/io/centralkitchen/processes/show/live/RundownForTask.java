package io.centralkitchen.processes.show.live;

import io.centralkitchen.processes.show.ShowTexts;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.show.plan.RundownText;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Puts the current rundown into the rundown task: as editable lines and as a table. */
@Component("rundownForTask")
public class RundownForTask implements TaskListener {

    private final Shows shows;
    private final ShowProducts products;


    public RundownForTask(Shows shows, ShowProducts products) {
        this.shows = shows;
        this.products = products;
    }

    @Override
    public void notify(DelegateTask task) {
        Show show = ShowVariables.show(task, shows);
        List<ShowSlot> slots = shows.slots(show.id());
        Map<Long, Product> catalogue = products.of(show.stationId(), slots);
        // not task-local: a completed form's values go to the process, and must replace this text, not hide behind it
        task.getExecution().setVariable(RundownText.FIELD, RundownText.lines(slots, catalogue));
        task.setVariableLocal("rundownSummary", RundownText.table(slots, catalogue));
        task.setVariableLocal("airTimeText", ShowTexts.airTime(show.airTime()));
    }
}
