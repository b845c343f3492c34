package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.catalogue.ProductCategory;
import io.centralkitchen.processes.KitchenTest;
import io.centralkitchen.processes.preselection.ClaimsChecker.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims rule set as shipped (migration V11), read from the database the way the claims check reads it. */
@KitchenTest
class ClaimsRulesTest {

    @Autowired
    ClaimsRules rules;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0}: \"{1}\" hits {2} on \"{3}\"")
    @CsvSource(delimiter = '|', value = {
            "FOOD|衡山最好的红茶|ABS-ZUI|最好",
            "GENERAL|全国第一的竹编工艺|ABS-DIYI|第一",
            "ELECTRICAL|市场上唯一的节能电饭煲|ABS-WEIYI|唯一",
            "FARM_PRODUCE|国家级示范基地出品|ABS-GUOJIAJI|国家级",
            "FOOD|顶级口感|ABS-DINGJI|顶级",
            "FOOD|Simply the best tea in Hunan|ABS-EN-BEST|the best",
            "FOOD|这款茶能治疗失眠|MED-TREAT|治疗",
            "FARM_PRODUCE|苦瓜降血糖效果好|MED-TREAT|降血糖",
            "FOOD|Our honey cures a sore throat|MED-EN-CURE|cures",
            "FOOD|常喝可以增强免疫力|HF-FUNCTION|增强免疫力",
            "FOOD|仅剩 20 件，手慢无|SCARCITY-LEFT|仅剩 20 件",
            "GENERAL|错过今天再等一年|SCARCITY-NOW|错过今天"})
    void eachKindOfRuleNamesTheRuleAndThePhrase(ProductCategory category, String line, String rule, String phrase) {
        List<Hit> hits = rules.checker().check(category, List.of(line), List.of(), Set.of());

        assertThat(hits).extracting(Hit::ruleCode, Hit::phrase).contains(org.assertj.core.groups.Tuple.tuple(rule, phrase));
        assertThat(hits).allSatisfy(hit -> assertThat(hit.line()).isEqualTo(line));
    }

    @Test
    void honestClaimsPass() {
        assertThat(rules.checker().check(ProductCategory.FOOD, List.of("高山云雾茶园，手工采摘", "每罐 250 克"),
                List.of("来自衡山的红茶，汤色红亮"), Set.of())).isEmpty();
    }

    @Test
    void medicalClaimsAreAMatterOfFoodNotOfElectricalGoods() {
        assertThat(rules.checker().check(ProductCategory.ELECTRICAL, List.of("治疗仪配件"), List.of(), Set.of())).isEmpty();
    }

    @Test
    void aHealthFoodMayClaimItsRegisteredFunctionsButNoOthers() {
        List<Hit> hits = rules.checker().check(ProductCategory.HEALTH_FOOD, List.of("增强免疫力，改善睡眠"), List.of(),
                Set.of("增强免疫力"));

        assertThat(hits).extracting(Hit::ruleCode, Hit::phrase)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HF-FUNCTION", "改善睡眠"));
    }

    @Test
    void scriptLinesAreCheckedLikeSellingPoints() {
        List<Hit> hits = rules.checker().check(ProductCategory.FOOD, List.of(), List.of("家人们，最后一批了"), Set.of());

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.source()).isEqualTo(ClaimsChecker.SCRIPT_LINE);
            assertThat(hit.ruleCode()).isEqualTo("SCARCITY-NOW");
        });
    }

    @Test
    void rulesAreDataAndAnInactiveRuleNoLongerHits() {
        String code = "TEST-" + System.nanoTime();
        jdbc.update("insert into claims_rule (code, kind, match_type, pattern, law_ref, advice) values (?, 'ABSOLUTE_TERM', 'LITERAL',"
                + " '宇宙无敌', 'test', 'test')", code);
        try {
            assertThat(rules.checker().check(ProductCategory.GENERAL, List.of("宇宙无敌好用"), List.of(), Set.of()))
                    .extracting(Hit::ruleCode).containsExactly(code);
            jdbc.update("update claims_rule set active = false where code = ?", code);
            assertThat(rules.checker().check(ProductCategory.GENERAL, List.of("宇宙无敌好用"), List.of(), Set.of())).isEmpty();
        } finally {
            jdbc.update("delete from claims_rule where code = ?", code);
        }
    }
}
