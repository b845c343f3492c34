package io.centralkitchen.processes.commerce;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code kitchen.commerce.*}: where the commerce rules come from, how long before a platform token expires its warning
 * task is created, and how often due promotions and token expiries are checked.
 */
@ConfigurationProperties("kitchen.commerce")
public class CommerceProperties {

    /** A YAML file replacing the built-in {@code commerce-rules.yml} (read again whenever it changes); empty = built-in. */
    private String rulesFile = "";
    /** How long before an account's token expires the station's marketers and producers get a warning task. */
    private Duration tokenWarningBefore = Duration.ofDays(7);

    public String getRulesFile() {
        return rulesFile;
    }

    public void setRulesFile(String rulesFile) {
        this.rulesFile = rulesFile;
    }

    public Duration getTokenWarningBefore() {
        return tokenWarningBefore;
    }

    public void setTokenWarningBefore(Duration tokenWarningBefore) {
        this.tokenWarningBefore = tokenWarningBefore;
    }
}
