package io.centralkitchen.processes.show.warmup;

import io.centralkitchen.processes.show.ShowLists;
import io.centralkitchen.processes.show.ShowProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * When the warm-up posts go out: air time minus each configured offset, earliest first. Offsets already past are
 * skipped — a show planned an hour ahead gets no "three days to go" post — but a show still ahead with every offset
 * past gets one post now.
 */
@Component("planWarmUpPosts")
public class PlanWarmUpPosts implements JavaDelegate {

    private final ShowProperties properties;


    public PlanWarmUpPosts(ShowProperties properties) {
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant airTime = ((Date) execution.getVariable("airTime")).toInstant();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        execution.setVariable("postTimes", ShowLists.join(plan(airTime, now, properties.getWarmUpOffsets())));
    }

    static List<String> plan(Instant airTime, Instant now, List<Duration> offsets) {
        List<Instant> times = new ArrayList<>(offsets.stream().map(airTime::minus).filter(t -> t.isAfter(now)).toList());
        if (times.isEmpty() && airTime.isAfter(now)) {
            times.add(now);
        }
        return times.stream().sorted(Comparator.naturalOrder()).distinct()
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).toList();
    }
}
