package io.centralkitchen.processes.commerce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commerce rules as data: the built-in file, an operator's file replacing it, re-read when it changes. */
class CommerceRulesTest {

    @Test
    void theBuiltInRulesCapALotteryAt50000AndAskACouponForItsTerms() {
        CommerceRules rules = new CommerceRules(new CommerceProperties());
        assertThat(rules.type("LOTTERY").fields().get("topPrize").max()).isEqualByComparingTo("50000");
        assertThat(rules.type("LOTTERY").rulesPublishedBeforeStart()).isTrue();
        assertThat(rules.type("COUPON").fields().values().stream().filter(CommerceRules.FieldRule::required)
                .map(CommerceRules.FieldRule::name)).contains("threshold", "discount", "validFrom", "validUntil", "scope");
        assertThat(rules.type("FLASH_SALE").fields().get("price").reducedPrice()).isTrue();
        assertThat(rules.rules().referencePriceDays()).isEqualTo(7);
        assertThat(rules.rules().qualificationRequiredFor()).contains("HEALTH_FOOD");
    }

    @Test
    void anOperatorsFileReplacesTheRulesAndIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, """
                hosts: {identityCheckRequired: false, qualificationRequiredFor: []}
                promotions:
                  referencePriceDays: 30
                  types:
                    LOTTERY:
                      rulesPublishedBeforeStart: true
                      fields:
                        topPrize: {kind: amount, required: true, max: 20000}
                """);
        CommerceProperties properties = new CommerceProperties();
        properties.setRulesFile(file.toString());
        CommerceRules rules = new CommerceRules(properties);
        assertThat(rules.type("LOTTERY").fields().get("topPrize").max()).isEqualByComparingTo(new BigDecimal("20000"));
        assertThat(rules.rules().referencePriceDays()).isEqualTo(30);
        assertThat(rules.type("COUPON")).as("only what the file says").isNull();

        Files.writeString(file, Files.readString(file).replace("20000", "10000"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(rules.type("LOTTERY").fields().get("topPrize").max()).isEqualByComparingTo(new BigDecimal("10000"));

        Files.writeString(file, Files.readString(file).replace("kind: amount", "kind: money"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThatThrownBy(rules::rules).hasMessageContaining("promotions.types.LOTTERY.fields.topPrize.kind");
    }
}
