package io.centralkitchen.processes.show;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Moves the show's state as the model enters a phase ({@code ${showStates.enter(execution, 'CLIPPING')}}). */
@Component("showStates")
public class ShowStates {

    private final Shows shows;

    public ShowStates(Shows shows) {
        this.shows = shows;
    }

    public void enter(DelegateExecution execution, String state) {
        shows.setState(ShowVariables.showId(execution), state);
    }
}
