package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The media worker could not make the clip (the recording is unusable there): the clip is marked failed, with why. */
@Component("recordClipFailure")
public class RecordClipFailure implements JavaDelegate {

    private final ShowClips clips;


    public RecordClipFailure(ShowClips clips) {
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String why = ShowVariables.optionalText(execution, "clipFailure");
        clips.failed(ShowVariables.number(execution, "clipId"), why == null ? "The media worker reported bad input" : why);
    }
}
