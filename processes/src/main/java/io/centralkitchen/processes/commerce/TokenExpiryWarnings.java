package io.centralkitchen.processes.commerce;

import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.station.StationAccounts;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A platform account's access token about to expire gets one warning task in Tasklist — for the station's marketers
 * and producers, {@code kitchen.commerce.token-warning-before} (default 7 days) ahead — once per expiry: the
 * account and expiry are recorded with the task in the same transaction ({@code account_token_warning}), so repeated
 * checks, other nodes and restarts add nothing, and a rotated token (a new expiry) warns again.
 */
@Component
public class TokenExpiryWarnings {

    private static final Logger log = LoggerFactory.getLogger(TokenExpiryWarnings.class);

    private final StationAccounts accounts;
    private final TaskService tasks;
    private final JdbcTemplate jdbc;
    private final CommerceProperties properties;
    private final TransactionTemplate transaction;

    public TokenExpiryWarnings(StationAccounts accounts, TaskService tasks, JdbcTemplate jdbc, CommerceProperties properties,
                               PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Creates the warnings due now; returns how many were created. */
    @Scheduled(fixedDelayString = "${kitchen.commerce.token-check-interval:PT10M}", initialDelayString = "PT30S")
    public int check() {
        int created = 0;
        for (StationAccounts.AccountView account : accounts.expiringBefore(Instant.now().plus(properties.getTokenWarningBefore()))) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(s -> warn(account)))) {
                    created++;
                }
            } catch (DuplicateKeyException alreadyWarned) {
                // another node warned at the same moment
            }
        }
        return created;
    }

    private boolean warn(StationAccounts.AccountView account) {
        Timestamp expires = Timestamp.from(account.accessTokenExpiresAt());
        int known = jdbc.queryForObject("select count(*) from account_token_warning where station_id = ? and account_id = ?"
                + " and expires_at = ?", Integer.class, account.stationId(), account.accountId(), expires);
        if (known > 0) {
            return false;
        }
        String taskId = "token-" + UUID.randomUUID();
        jdbc.update("insert into account_token_warning (station_id, account_id, expires_at, task_id, created_at) values (?,?,?,?,?)",
                account.stationId(), account.accountId(), expires, taskId, Timestamp.from(Instant.now()));
        Task task = tasks.newTask(taskId);
        task.setName("Renew the " + account.kind() + " token of account '" + account.accountId() + "'");
        task.setDescription("The access token of platform account '" + account.accountId() + "' (station " + account.stationId()
                + ") expires at " + account.accessTokenExpiresAt() + ". Renew it on the platform and set the new token and its"
                + " expiry with PUT /api/stations/" + account.stationId() + "/platform-accounts/" + account.accountId()
                + " (a station administrator), then complete this task.");
        task.setTenantId(account.stationId());
        task.setDueDate(Date.from(account.accessTokenExpiresAt()));
        task.setPriority(80);
        tasks.saveTask(task);
        tasks.addCandidateGroup(taskId, KitchenGroups.MARKETERS);
        tasks.addCandidateGroup(taskId, KitchenGroups.PRODUCERS);
        log.info("Station '{}': account '{}' token expires at {}; warning task {} created", account.stationId(), account.accountId(),
                account.accessTokenExpiresAt(), taskId);
        return true;
    }
}
