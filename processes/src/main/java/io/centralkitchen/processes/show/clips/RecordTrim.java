package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The trimmed clip replaces the clip as the source of its renditions; the decision is cleared for the next review. */
@Component("recordTrim")
public class RecordTrim implements JavaDelegate {

    private final ShowClips clips;
    private final ArchiveLog archive;


    public RecordTrim(ShowClips clips, ArchiveLog archive) {
        this.archive = archive;
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = ShowVariables.text(execution, "trimKey");
        clips.trimmed(ShowVariables.number(execution, "clipId"), key,
                Math.round(ShowVariables.seconds(execution, "trimInSeconds") * 1000),
                Math.round(ShowVariables.seconds(execution, "trimOutSeconds") * 1000),
                Math.round(ShowVariables.seconds(execution, "clipDurationSeconds") * 1000));
        execution.setVariable("currentClipKey", key);
        archive.object(execution.getTenantId(), ArchiveSubject.show(ShowVariables.showId(execution)), "CLIP_TRIM", key, null, null);
        for (String decided : new String[]{"clipDecision", "trimInSeconds", "trimOutSeconds", "clipFailure"}) {
            execution.setVariable(decided, null);
        }
    }
}
