package io.centralkitchen.processes.show.plan;

import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowService;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Saves the rundown a producer edited; a bad line keeps the task open with a message saying which and why. */
@Component("saveRundown")
public class SaveRundown implements TaskListener {

    private final Shows shows;
    private final ShowService service;


    public SaveRundown(Shows shows, ShowService service) {
        this.shows = shows;
        this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            service.changeRundown(ShowVariables.show(task, shows),
                    RundownText.parse(ShowVariables.optionalText(task, RundownText.FIELD)));
        } catch (InvalidFieldException | ConflictException e) {
            throw new BadUserRequestException("The rundown was not saved: " + e.getMessage());
        }
    }
}
