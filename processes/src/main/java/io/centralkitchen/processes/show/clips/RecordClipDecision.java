package io.centralkitchen.processes.show.clips;

import java.util.Map;
import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The marketer's decision on the clip; a trim gets the key of its own smart cut (one per round). */
@Component("recordClipDecision")
public class RecordClipDecision implements JavaDelegate {

    private final ShowClips clips;
    private final ArchiveLog archive;


    public RecordClipDecision(ShowClips clips, ArchiveLog archive) {
        this.archive = archive;
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long clipId = ShowVariables.number(execution, "clipId");
        String decision = ShowVariables.optionalText(execution, "clipDecision");
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String reviewer = user == null ? null : user.getUserId();
        String comment = ShowVariables.optionalText(execution, "clipComment");
        if ("trim".equals(decision)) {
            int round = execution.getVariable("trimRound") instanceof Number n ? n.intValue() + 1 : 1;
            execution.setVariable("trimRound", round);
            execution.setVariable("trimKey", ShowClips.key(execution.getTenantId(), ShowVariables.showId(execution), clipId,
                    "trim-" + round + ".mp4"));
            execution.setVariable("clipFailure", null);
            return;
        }
        clips.decided(clipId, "approve".equals(decision) ? "APPROVED" : "DROPPED", reviewer, comment);
        ArchiveSubject show = ArchiveSubject.show(ShowVariables.showId(execution));
        if ("approve".equals(decision)) {
            archiveRenditions(execution.getTenantId(), show, clips.require(ShowVariables.showId(execution), clipId));
        }
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("clipId", clipId);
        review.put("decision", decision);
        review.put("comment", comment);
        archive.document(execution.getTenantId(), show, "CLIP_REVIEW", review, reviewer);
    }

    /** The renditions as approved: archived now, not when rendered, because a trim renders them again under their keys. */
    private void archiveRenditions(String station, ArchiveSubject show, ShowClips.ShowClip clip) {
        for (String key : new String[]{clip.verticalKey(), clip.landscapeKey()}) {
            if (key != null) {
                archive.object(station, show, "CLIP_RENDITION", key, null, null);
            }
        }
        if (clip.coverKey() != null) {
            archive.object(station, show, "CLIP_COVER", clip.coverKey(), null, null);
        }
    }
}
