package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.plan.RundownText;
import io.centralkitchen.processes.show.ShowLinks;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The clip review shows preview links of both renditions, the cover and the clip itself (renewed when the task is
 * claimed), where in the clip the product came on air, and why the last trim failed, if it did.
 */
@Component("clipForReview")
public class ClipForReview implements TaskListener {

    private final ShowClips clips;
    private final Shows shows;
    private final ShowLinks links;


    public ClipForReview(ShowClips clips, Shows shows, ShowLinks links) {
        this.clips = clips;
        this.shows = shows;
        this.links = links;
    }

    @Override
    public void notify(DelegateTask task) {
        ShowClips.ShowClip clip = clips.require(ShowVariables.showId(task), ShowVariables.number(task, "clipId"));
        ShowSlot slot = shows.slot(clip.slotId()).orElseThrow();
        double duration = clip.durationMillis() == null ? 0 : clip.durationMillis() / 1000.0;
        StringBuilder md = new StringBuilder();
        md.append("Slot ").append(slot.position()).append(", ¥").append(slot.price().toPlainString()).append(". The clip lasts **")
                .append(String.format("%.1f", duration)).append(" s**");
        if (clip.trimInMillis() == null && clip.clipStartMillis() != null && slot.onAirMillis() != null) {
            md.append("; it starts at program time ").append(RundownText.clock(clip.clipStartMillis())).append(" and the product came on air ")
                    .append(String.format("%.1f", (slot.onAirMillis() - clip.clipStartMillis()) / 1000.0)).append(" s into it");
        } else if (clip.trimInMillis() != null) {
            md.append(" (trimmed)");
        }
        md.append(".\n\n[▶ 9:16](").append(links.preview(clip.verticalKey())).append(") · [▶ 16:9](")
                .append(links.preview(clip.landscapeKey())).append(") · [cover](").append(links.preview(clip.coverKey()))
                .append(") · [the clip as cut](").append(links.preview(clip.currentKey())).append(")\n\n")
                .append("To trim, give the new start and end in seconds into the clip (0 to ").append(String.format("%.1f", duration))
                .append("); the trimmed clip is rendered again and comes back to you.");
        String failure = ShowVariables.optionalText(task, "clipFailure");
        if (failure != null) {
            md.append("\n\n**The last trim could not be made:** ").append(failure);
        }
        task.setVariableLocal("clipSummary", md.toString());
    }
}
