package io.centralkitchen.processes.show.clips;

import java.util.List;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.ShowClips;
import io.centralkitchen.processes.show.ShowVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The 9:16 and 16:9 renditions and the cover are linked to the clip, which is ready for review. */
@Component("recordRenditions")
public class RecordRenditions implements JavaDelegate {

    private final ShowClips clips;
    private final ArchiveLog archive;


    public RecordRenditions(ShowClips clips, ArchiveLog archive) {
        this.archive = archive;
        this.clips = clips;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clips.rendered(ShowVariables.number(execution, "clipId"), ShowVariables.text(execution, "verticalKey"),
                ShowVariables.text(execution, "landscapeKey"), ShowVariables.text(execution, "coverKey"));
        ArchiveSubject show = ArchiveSubject.show(ShowVariables.showId(execution));
        for (String name : List.of("verticalKey", "landscapeKey", "coverKey")) {
            String key = ShowVariables.optionalText(execution, name);
            if (key != null) {
                archive.object(execution.getTenantId(), show, "coverKey".equals(name) ? "CLIP_COVER" : "CLIP_RENDITION", key, null, null);
            }
        }
    }
}
