package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.Products;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.LocalDate;

/**
 * Daily: every approved or suspended product scheduled for a show gets its evidence re-checked against the show date.
 * Safe on several nodes at once: {@link EvidenceRecheck} moves a product into review only once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class EvidenceExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(EvidenceExpiryJob.class);

    private final Dossier dossier;
    private final EvidenceRecheck recheck;


    private final Products products;

    public EvidenceExpiryJob(Dossier dossier, EvidenceRecheck recheck, Products products) {
        this.products = products;
        this.dossier = dossier;
        this.recheck = recheck;
    }

    @Scheduled(cron = "${kitchen.preselection.expiry-check-cron:0 30 2 * * *}")
    public void run() {
        runFor(LocalDate.now());
    }

    /** Returns how many products went back into review. */
    public int runFor(LocalDate today) {
        int started = 0;
        for (long productId : products.scheduledOnOrAfter(today)) {
            try {
                var product = products.require(productId);
                if (recheck.recheckEvidence(productId, product.showDate()) == EvidenceRecheck.Outcome.RE_REVIEW_STARTED) {
                    started++;
                }
            } catch (RuntimeException e) {
                log.warn("Evidence re-check of product {} failed, next run retries: {}", productId, e.toString());
            }
        }
        if (started > 0) {
            log.info("Daily evidence check: {} product(s) back in review", started);
        }
        return started;
    }
}
