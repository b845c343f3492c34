package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * The clip's span of program time, its product and the keys of everything made from it, for this clip's instance; and
 * how its renditions sell (issue 17): the caption's product name and slot price, the station's watermark per shape,
 * the 9:16 framing the station chose ({@link ClipStyleProperties}) and the renditions of the platforms' own marks
 * ({@link ClipMarks}). A clip cut while the show went on from exactly this span (slot-clip) is not cut again
 * ({@code instantClipReady}).
 */
@Component("prepareClip")
public class PrepareClip implements JavaDelegate {

    private final ShowClips clips;
    private final ShowProducts products;
    private final Shows shows;
    private final ClipStyleProperties style;
    private final ClipMarks marks;

    public PrepareClip(ShowClips clips, ShowProducts products, Shows shows, ClipStyleProperties style, ClipMarks marks) {
        this.marks = marks;
        this.clips = clips;
        this.products = products;
        this.shows = shows;
        this.style = style;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ShowClips.ShowClip clip = clips.require(ShowVariables.showId(execution), ShowVariables.number(execution, "clipId"));
        String station = execution.getTenantId();
        String product = products.require(station, clip.productId()).name();
        execution.setVariable("productName", clip.highlight()
                ? product + " — highlight" + (clip.label() == null || clip.label().isBlank() ? "" : ": " + clip.label()) : product);
        execution.setVariable("clipInSeconds", clip.inMillis() / 1000.0);
        execution.setVariable("clipOutSeconds", clip.outMillis() / 1000.0);
        execution.setVariable("copyKey", ShowClips.key(station, clip.showId(), clip.id(), "copy.mp4"));
        execution.setVariable("verticalKey", ShowClips.key(station, clip.showId(), clip.id(), "vertical.mp4"));
        execution.setVariable("landscapeKey", ShowClips.key(station, clip.showId(), clip.id(), "landscape.mp4"));
        execution.setVariable("coverKey", ShowClips.key(station, clip.showId(), clip.id(), "cover.jpg"));
        execution.setVariable("trimRound", 0);
        ClipStyleProperties.Station mine = style.of(station);
        BigDecimal price = shows.slot(clip.slotId()).map(ShowSlot::price).orElse(null);
        execution.setVariable("captionTitle", mine.isCaption() ? product : null);
        execution.setVariable("captionPrice", mine.isCaption() && price != null ? "¥" + price.toPlainString() : null);
        execution.setVariable("verticalWatermark", blankToNull(mine.watermark(true)));
        execution.setVariable("landscapeWatermark", blankToNull(mine.watermark(false)));
        execution.setVariable("verticalFit", blankToNull(mine.getVerticalFit()));
        long pre = Math.round(ShowVariables.seconds(execution, "preRollSeconds") * 1000);
        long post = Math.round(ShowVariables.seconds(execution, "postRollSeconds") * 1000);
        boolean ready = clip.cutFrom(pre, post);
        execution.setVariable("instantClipReady", ready);
        if (ready) {
            execution.setVariable("currentClipKey", clip.copyKey());
            execution.setVariable("instantClipStart", clip.clipStartMillis() / 1000.0);
            execution.setVariable("clipDurationSeconds", clip.durationMillis() / 1000.0);
        }
        // the platforms whose own mark differs from the station's: one more rendition per distinct mark
        execution.setVariable("markRenditionIds", io.centralkitchen.processes.show.ShowLists.join(marks.plan(station, clip.showId(), clip.id())));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
