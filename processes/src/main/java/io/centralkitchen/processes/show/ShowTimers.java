package io.centralkitchen.processes.show;

import org.springframework.stereotype.Component;

/** The show model's timer durations ({@code ${showTimers.reportAfter()}}), read when a timer starts. */
@Component("showTimers")
public class ShowTimers {

    private final ShowProperties properties;

    public ShowTimers(ShowProperties properties) {
        this.properties = properties;
    }

    /** slot-clip's look again while it waits for the recording's segments. */
    public String clipsWhileLivePoll() {
        return properties.getClipsWhileLivePoll().toString();
    }

    public String reportAfter() {
        return properties.getReportAfter().toString();
    }
}
