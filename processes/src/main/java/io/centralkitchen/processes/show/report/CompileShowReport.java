package io.centralkitchen.processes.show.report;

import io.centralkitchen.processes.show.ShowReports;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** At the end of the after-sales window: the report with every order, refund and publication so far. */
@Component("compileShowReport")
public class CompileShowReport implements JavaDelegate {

    private final ShowReports reports;
    private final Shows shows;


    public CompileShowReport(ShowReports reports, Shows shows) {
        this.reports = reports;
        this.shows = shows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String showId = ShowVariables.showId(execution);
        reports.compile(showId);
        shows.setState(showId, Show.REPORTED);
    }
}
