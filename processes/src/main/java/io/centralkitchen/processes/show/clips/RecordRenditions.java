package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The 9:16 and 16:9 renditions and the cover are linked to the clip, which is ready for review. */
@Component("recordRenditions")
public class RecordRenditions implements JavaDelegate {

    private final ShowClips clips;


    public RecordRenditions(ShowClips clips) {
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clips.rendered(ShowVariables.number(execution, "clipId"), ShowVariables.text(execution, "verticalKey"),
                ShowVariables.text(execution, "landscapeKey"), ShowVariables.text(execution, "coverKey"));
    }
}
