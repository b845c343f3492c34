package io.centralkitchen.processes.show.clips;

import io.centralkitchen.media.recording.RecordingSegment;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * slot-clip's look at the recording: when every segment the closed slot's clip needs (its span with pre- and post-roll)
 * is stored, they become the clip's own manifest and the clip is cut ({@code slotClipNext = cut}); until then it waits
 * ({@code wait}), at most {@code kitchen.show.clips-while-live-wait}. Once the show has ended, or the clip was cut from
 * this span already, or the wait is over, it is left to highlight-clipping ({@code leave}), which cuts what is left.
 * The copy goes to a key of its own ({@code copy-live.mp4}): a cut still running when a corrected span is cut after
 * the end never overwrites that one.
 */
@Component("checkSlotSegments")
public class CheckSlotSegments implements JavaDelegate {

    static final String NEXT = "slotClipNext";

    private final Shows shows;
    private final ShowClips clips;
    private final SlotSegments segments;
    private final ShowProperties properties;

    public CheckSlotSegments(Shows shows, ShowClips clips, SlotSegments segments, ShowProperties properties) {
        this.shows = shows;
        this.clips = clips;
        this.segments = segments;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Show show = ShowVariables.show(execution, shows);
        ShowClips.ShowClip clip = clips.require(show.id(), ShowVariables.number(execution, "clipId"));
        long pre = properties.getPreRoll().toMillis();
        long post = properties.getPostRoll().toMillis();
        long now = System.currentTimeMillis();
        Object until = execution.getVariable("waitUntilMillis");
        if (until == null) {
            execution.setVariable("waitUntilMillis", now + properties.getClipsWhileLiveWait().toMillis());
        }
        if (show.liveEndedAt() != null || clip.cutFrom(pre, post) || (until != null && now > ((Number) until).longValue())) {
            execution.setVariable(NEXT, "leave");
            return;
        }
        long from = Math.max(0, clip.inMillis() - pre);
        long to = clip.outMillis() + post;
        Optional<List<RecordingSegment>> stored = segments.stored(show.stationId(), show.id(), clip.recordingId(), from, to);
        if (stored.isEmpty()) {
            execution.setVariable(NEXT, "wait");
            return;
        }
        String key = segments.manifest(SlotSegments.key(show.stationId(), show.id(), clip.id()), show.stationId(), show.id(),
                clip.recordingId(), stored.get());
        execution.setVariable("manifestKey", key);
        execution.setVariable("clipInSeconds", clip.inMillis() / 1000.0);
        execution.setVariable("clipOutSeconds", clip.outMillis() / 1000.0);
        execution.setVariable("preRollSeconds", pre / 1000.0);
        execution.setVariable("postRollSeconds", post / 1000.0);
        execution.setVariable("copyKey", ShowClips.key(show.stationId(), show.id(), clip.id(), "copy-live.mp4"));
        execution.setVariable(NEXT, "cut");
    }
}
