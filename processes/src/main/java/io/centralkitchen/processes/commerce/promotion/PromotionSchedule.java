package io.centralkitchen.processes.commerce.promotion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Fires the promotions planned with a start time once it has come and their show is live (as the platform, "schedule");
 * one whose rules must be published first waits for them.
 * Firing is idempotent, so a check repeated on another node or after a failure sends nothing twice.
 */
@Component
public class PromotionSchedule {

    private static final Logger log = LoggerFactory.getLogger(PromotionSchedule.class);

    private final Promotions promotions;
    private final PromotionCues cues;
    private final PromotionChecker checker;

    public PromotionSchedule(Promotions promotions, PromotionCues cues, PromotionChecker checker) {
        this.checker = checker;
        this.promotions = promotions;
        this.cues = cues;
    }

    @Scheduled(fixedDelayString = "${kitchen.commerce.promotion-check-interval:PT5S}", initialDelayString = "PT10S")
    public void fireDue() {
        for (Promotion p : promotions.due(Instant.now())) {
            try {
                if (p.rulesPublishedAt() == null && checker.type(p.kind()).rulesPublishedBeforeStart()) {
                    continue; // it starts once its rules are published (the plan's answer says so)
                }
                cues.fire(p, "schedule");
            } catch (RuntimeException e) {
                log.warn("Scheduled promotion {} of show {} was not fired: {}", p.ref(), p.showId(), e.getMessage());
            }
        }
    }
}
