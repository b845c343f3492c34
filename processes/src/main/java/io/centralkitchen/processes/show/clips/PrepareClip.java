package io.centralkitchen.processes.show.clips;

import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowProducts;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The clip's span of program time, its product and the keys of everything made from it, for this clip's instance. */
@Component("prepareClip")
public class PrepareClip implements JavaDelegate {

    private final ShowClips clips;
    private final ShowProducts products;


    public PrepareClip(ShowClips clips, ShowProducts products) {
        this.clips = clips;
        this.products = products;
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
    }
}
