package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The instant clip is linked to its slot, with where in program time it starts; renditions are made from it. */
@Component("recordInstantClip")
public class RecordInstantClip implements JavaDelegate {

    private final ShowClips clips;
    private final ArchiveLog archive;


    public RecordInstantClip(ShowClips clips, ArchiveLog archive) {
        this.archive = archive;
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String copyKey = ShowVariables.text(execution, "copyKey");
        clips.cut(ShowVariables.number(execution, "clipId"), copyKey,
                Math.round(ShowVariables.seconds(execution, "instantClipStart") * 1000),
                Math.round(ShowVariables.seconds(execution, "clipDurationSeconds") * 1000));
        execution.setVariable("currentClipKey", copyKey);
        archive.object(execution.getTenantId(), ArchiveSubject.show(ShowVariables.showId(execution)), "CLIP", copyKey, null, null);
    }
}
