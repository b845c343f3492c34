package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** A trim must lie inside the clip and keep at least a second of it; otherwise the review task stays open and says so. */
@Component("checkClipReview")
public class CheckClipReview implements TaskListener {

    private final ShowClips clips;


    public CheckClipReview(ShowClips clips) {
        this.clips = clips;
    }

    @Override
    public void notify(DelegateTask task) {
        String decision = ShowVariables.optionalText(task, "clipDecision");
        if (!"trim".equals(decision)) {
            return;
        }
        ShowClips.ShowClip clip = clips.require(ShowVariables.showId(task), ShowVariables.number(task, "clipId"));
        double duration = clip.durationMillis() == null ? 0 : clip.durationMillis() / 1000.0;
        Double in = ShowVariables.seconds(task, "trimInSeconds");
        Double out = ShowVariables.seconds(task, "trimOutSeconds");
        if (in == null || out == null) {
            throw new BadUserRequestException("To trim the clip, give the new start and end (seconds into the clip)");
        }
        if (in < 0 || out > duration + 0.05 || out - in < 1) {
            throw new BadUserRequestException(String.format("The trim %.2f–%.2f s does not fit: start at 0 or later, end at"
                    + " %.1f s at the latest, and keep at least 1 s", in, out, duration));
        }
    }
}
