package io.centralkitchen.processes.show;

import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.routes.platform.PlatformRefusedException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Publishes to several platforms at once — a warm-up post, a clip, a product's commerce cues — and keeps the outcome
 * of each publication in {@code show_publication}, each in a transaction of its own so it survives a failure of the
 * others. A platform's publications go out one after the other in the order given (stop the last flash sale, pin the
 * product, start its flash sale); the platforms do not wait for each other.
 * A platform that already has it (SENT) or said no (REFUSED) is not asked again: a retry reaches only the platforms
 * that failed. Afterwards, a platform that did not answer fails the job (retries, then an incident); otherwise a
 * refusal becomes the BPMN error {@code platform-refused} with every refusing platform's answer.
 */
@Component
public class ShowPublications {

    private static final Logger log = LoggerFactory.getLogger(ShowPublications.class);

    /** One publication: the platform, the key that makes it happen once, and the call that makes it. */
    public record Target(String platform, String idempotencyKey, Supplier<String> send) {
    }

    /** What became of each platform: SENT (with its reference), REFUSED or FAILED (with the answer). */
    public record Result(String platform, String state, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ArchiveLog archive;
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "show-publisher");
        t.setDaemon(true);
        return t;
    });

    public ShowPublications(JdbcTemplate jdbc, PlatformTransactionManager transactions, ArchiveLog archive) {
        this.archive = archive;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Sends every target not settled before — the platforms at once, each platform's in order — and records the
     * outcomes.
     *
     * @param what for messages, e.g. "the warm-up post of harvest-2026"
     */
    public List<Result> publish(String showId, Long slotId, Long clipId, String kind, String what, List<Target> targets) {
        List<Result> results = new ArrayList<>();
        List<Target> due = new ArrayList<>();
        for (Target target : targets) {
            Map<String, Object> previous = previous(target.idempotencyKey());
            if (previous != null && !"FAILED".equals(previous.get("STATE"))) {
                results.add(new Result(target.platform(), (String) previous.get("STATE"), (String) previous.get("DETAIL")));
            } else {
                due.add(target);
            }
        }
        Map<String, List<Target>> byPlatform = due.stream()
                .collect(Collectors.groupingBy(Target::platform, LinkedHashMap::new, Collectors.toList()));
        Map<String, CompletableFuture<List<Result>>> pending = new LinkedHashMap<>();
        byPlatform.forEach((platform, list) -> pending.put(platform, CompletableFuture.supplyAsync(
                () -> list.stream().map(ShowPublications::attempt).toList(), senders)));
        for (Map.Entry<String, CompletableFuture<List<Result>>> e : pending.entrySet()) {
            List<Target> sent = byPlatform.get(e.getKey());
            List<Result> outcome = e.getValue().join();
            for (int i = 0; i < sent.size(); i++) {
                Target target = sent.get(i);
                Result result = outcome.get(i);
                ownTransaction.executeWithoutResult(s -> record(showId, slotId, clipId, kind, target, result));
                results.add(result);
            }
        }
        List<String> failed = results.stream().filter(r -> r.state().equals("FAILED")).map(r -> r.platform() + ": " + r.detail()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Publishing " + what + " failed on " + String.join("; ", failed)
                    + " (what the other platforms got is not sent again)");
        }
        List<String> refused = results.stream().filter(r -> r.state().equals("REFUSED")).map(Result::detail).distinct().toList();
        if (!refused.isEmpty()) {
            throw new BpmnError(ShowProcesses.PLATFORM_REFUSED, "Publishing " + what + ": " + String.join("; ", refused));
        }
        return results;
    }

    private static Result attempt(Target target) {
        try {
            String reference = target.send().get();
            return new Result(target.platform(), "SENT", reference);
        } catch (PlatformRefusedException refused) {
            return new Result(target.platform(), "REFUSED", refused.getMessage());
        } catch (RuntimeException e) {
            log.warn("Publishing to {} failed: {}", target.platform(), e.getMessage());
            return new Result(target.platform(), "FAILED", e.getMessage());
        }
    }

    private Map<String, Object> previous(String key) {
        List<Map<String, Object>> rows = jdbc.queryForList("select state, detail from show_publication where idempotency_key = ?", key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void record(String showId, Long slotId, Long clipId, String kind, Target target, Result result) {
        Timestamp now = Timestamp.from(Instant.now());
        String reference = result.state().equals("SENT") ? truncate(result.detail(), 200) : null;
        String detail = result.state().equals("SENT") ? null : truncate(result.detail(), 2000);
        int updated = jdbc.update("update show_publication set state = ?, platform_ref = ?, detail = ?, attempts = attempts + 1,"
                + " updated_at = ? where idempotency_key = ?", result.state(), reference, detail, now, target.idempotencyKey());
        if (updated == 0) {
            jdbc.update("insert into show_publication (show_id, slot_id, clip_id, kind, platform, idempotency_key, state,"
                            + " platform_ref, detail, attempts, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,1,?,?)",
                    showId, slotId, clipId, kind, target.platform(), target.idempotencyKey(), result.state(), reference, detail, now, now);
        }
        archive(showId, slotId, clipId, kind, target, result);
    }

    /** Each platform's answer to a cue, a clip or a post, in the show's archive. */
    private void archive(String showId, Long slotId, Long clipId, String kind, Target target, Result result) {
        String station = jdbc.queryForObject("select station_id from kitchen_show where id = ?", String.class, showId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("showId", showId);
        answer.put("slotId", slotId);
        answer.put("clipId", clipId);
        answer.put("platform", target.platform());
        answer.put("idempotencyKey", target.idempotencyKey());
        answer.put("state", result.state());
        answer.put("answer", truncate(result.detail(), 2000));
        String archiveKind = switch (kind) {
            case "CUE" -> "COMMERCE_CUE";
            case "CLIP" -> "CLIP_PUBLICATION";
            case "POST" -> "WARM_UP_POST";
            default -> kind;
        };
        archive.document(station, ArchiveSubject.show(showId), archiveKind, answer, null);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
