package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The instant clip is linked to its slot, with where in program time it starts and the span it was cut from (the
 * in- and out-point sent to the cut, widened by its rolls); renditions are made from it. Both ways of cutting end here:
 * highlight-clipping after the show and slot-clip while it goes on.
 */
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
        long in = millis(execution, "clipInSeconds");
        long out = millis(execution, "clipOutSeconds");
        long from = Math.max(0, in - millis(execution, "preRollSeconds"));
        long to = out + millis(execution, "postRollSeconds");
        execution.setVariable("currentClipKey", copyKey);
        if (!clips.cut(ShowVariables.number(execution, "clipId"), copyKey, millis(execution, "instantClipStart"),
                millis(execution, "clipDurationSeconds"), in, out, from, to)) {
            return; // a producer corrected the span meanwhile: cut again by highlight-clipping
        }
        archive.object(execution.getTenantId(), ArchiveSubject.show(ShowVariables.showId(execution)), "CLIP", copyKey, null, null);
    }

    private static long millis(DelegateExecution execution, String name) {
        return Math.round(ShowVariables.seconds(execution, name) * 1000);
    }
}
