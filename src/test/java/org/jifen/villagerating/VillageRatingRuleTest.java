package org.jifen.villagerating;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.jifen.ledgerbook.Gap;
import org.jifen.villagerating.VillageRatingRule.Grade;
import org.jifen.villagerating.VillageRatingRule.Measure;
import org.jifen.villagerating.VillageRatingRule.Ratio;
import org.jifen.villagerating.VillageRatingRule.Result;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The village rating's arithmetic: weights, normalisation, missing measures, rounding, grades. */
class VillageRatingRuleTest {

    private static Map<Measure, Ratio> measures(Ratio participation, Ratio ledger, Ratio spotChecks, Ratio objections, Ratio shop) {
        Map<Measure, Ratio> m = new EnumMap<>(Measure.class);
        m.put(Measure.PARTICIPATION, participation);
        m.put(Measure.LEDGER, ledger);
        m.put(Measure.SPOT_CHECKS, spotChecks);
        m.put(Measure.OBJECTIONS, objections);
        m.put(Measure.SHOP_INSPECTIONS, shop);
        return m;
    }

    private static Ratio r(int done, int of) {
        return new Ratio(done, of);
    }

    private static Result rateOnlyParticipation(int done, int of) {
        return VillageRatingRule.DEFAULT.rate(measures(r(done, of), Ratio.NONE, Ratio.NONE, Ratio.NONE, Ratio.NONE));
    }

    @Test
    void shouldWeighEveryMeasureWithTheDefaultWeights() {
        // 30·0.8 + 25·0.75 + 20·0.8 + 10·0.5 + 15·0.9 = 24 + 18.75 + 16 + 5 + 13.5 = 77.25 → 77.3
        Result res = VillageRatingRule.DEFAULT.rate(measures(r(8, 10), r(12, 16), r(4, 5), r(1, 2), r(9, 10)));
        assertEquals(new BigDecimal("77.3"), res.score());
        assertEquals(Grade.GOOD, res.grade());
        assertEquals(100, VillageRatingRule.DEFAULT_WEIGHTS.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void shouldGiveAHundredForAPerfectVillageAndZeroForANothingVillage() {
        Result best = VillageRatingRule.DEFAULT.rate(measures(r(3, 3), r(16, 16), r(5, 5), r(2, 2), r(5, 5)));
        assertEquals(new BigDecimal("100.0"), best.score());
        assertEquals(Grade.EXCELLENT, best.grade());
        Result worst = VillageRatingRule.DEFAULT.rate(measures(r(0, 3), r(0, 16), r(0, 5), r(0, 2), r(0, 5)));
        assertEquals(new BigDecimal("0.0"), worst.score());
        assertEquals(Grade.IMPROVE, worst.grade());
    }

    @Test
    void shouldLeaveMissingMeasuresOutAndReNormaliseTheOtherWeights() {
        // no spot check, no inspection: (30·0.8 + 25·0.75 + 10·0.5) / 65 × 100 = 47.75 / 65 × 100 = 73.4615… → 73.5
        Result res = VillageRatingRule.DEFAULT.rate(measures(r(8, 10), r(12, 16), Ratio.NONE, r(1, 2), Ratio.NONE));
        assertEquals(new BigDecimal("73.5"), res.score());
        assertEquals(Grade.IMPROVE, res.grade());
        // a missing measure is not a zero: the same village with a spot check at 0 of 5 scores lower
        Result zero = VillageRatingRule.DEFAULT.rate(measures(r(8, 10), r(12, 16), r(0, 5), r(1, 2), Ratio.NONE));
        assertEquals(new BigDecimal("56.2"), zero.score()); // 47.75 / 85 × 100 = 56.176…
    }

    @Test
    void shouldUseTheTownsWeightsAndIgnoreAMeasureWeightedZero() {
        Map<Measure, Integer> w = new EnumMap<>(Measure.class);
        w.put(Measure.PARTICIPATION, 50);
        w.put(Measure.LEDGER, 50);
        w.put(Measure.SPOT_CHECKS, 0);
        w.put(Measure.OBJECTIONS, 0);
        w.put(Measure.SHOP_INSPECTIONS, 0);
        VillageRatingRule rule = new VillageRatingRule(w, 80, 60);
        // (50·1 + 50·0.5) / 100 = 75.0 → GOOD under 80/60; the spot checks at 0 do not count
        Result res = rule.rate(measures(r(4, 4), r(8, 16), r(0, 5), r(0, 1), r(0, 5)));
        assertEquals(new BigDecimal("75.0"), res.score());
        assertEquals(Grade.GOOD, res.grade());
        // weights need not add up to 100: 2 and 1 are the same as 66.7 and 33.3
        w.put(Measure.PARTICIPATION, 2);
        w.put(Measure.LEDGER, 1);
        assertEquals(new BigDecimal("83.3"), new VillageRatingRule(w, 90, 75).rate(measures(r(4, 4), r(8, 16), Ratio.NONE, Ratio.NONE, Ratio.NONE)).score());
    }

    @Test
    void shouldHaveNoScoreWithoutAnyMeasure() {
        Result res = VillageRatingRule.DEFAULT.rate(measures(Ratio.NONE, Ratio.NONE, Ratio.NONE, Ratio.NONE, Ratio.NONE));
        assertNull(res.score());
        assertEquals(Grade.NONE, res.grade());
        assertEquals(Grade.NONE, VillageRatingRule.DEFAULT.rate(Map.of()).grade());
    }

    @Test
    void shouldRoundHalfUpToOneDecimalExactly() {
        assertEquals(new BigDecimal("6.3"), rateOnlyParticipation(1, 16).score());   // 6.25
        assertEquals(new BigDecimal("18.8"), rateOnlyParticipation(3, 16).score());  // 18.75
        assertEquals(new BigDecimal("66.7"), rateOnlyParticipation(2, 3).score());   // 66.666…
        assertEquals(new BigDecimal("33.3"), rateOnlyParticipation(1, 3).score());   // 33.333…
        // small fractions of large villages
        assertEquals(new BigDecimal("0.1"), rateOnlyParticipation(1, 1000).score()); // 0.1
        assertEquals(new BigDecimal("0.2"), rateOnlyParticipation(3, 2000).score()); // 0.15 → 0.2
    }

    @Test
    void shouldGradeTheRoundedScoreAtTheThresholds() {
        assertEquals(Grade.EXCELLENT, rateOnlyParticipation(9, 10).grade());          // 90.0
        Result nearly = rateOnlyParticipation(1799, 2000);                              // 89.95 → 90.0
        assertEquals(new BigDecimal("90.0"), nearly.score());
        assertEquals(Grade.EXCELLENT, nearly.grade());
        assertEquals(Grade.GOOD, rateOnlyParticipation(1798, 2000).grade());           // 89.9
        assertEquals(Grade.GOOD, rateOnlyParticipation(3, 4).grade());                 // 75.0
        assertEquals(Grade.GOOD, rateOnlyParticipation(1499, 2000).grade());           // 74.95 → 75.0
        assertEquals(Grade.IMPROVE, rateOnlyParticipation(1498, 2000).grade());        // 74.9
    }

    @Test
    void shouldShowEachMeasureAsAPercentageWithOneDecimal() {
        assertEquals(new BigDecimal("66.7"), r(2, 3).percent());
        assertEquals(new BigDecimal("12.5"), r(1, 8).percent());
        assertEquals(new BigDecimal("100.0"), r(7, 7).percent());
        assertNull(Ratio.NONE.percent());
    }

    @Test
    void shouldRefuseImpossibleRatiosAndWeights() {
        assertThrows(IllegalArgumentException.class, () -> r(3, 2));
        assertThrows(IllegalArgumentException.class, () -> r(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new VillageRatingRule(Map.of(Measure.PARTICIPATION, 10), 90, 75));
    }

    @Test
    void shouldCountTheLedgersPartsFromTheCompletenessGaps() {
        // a past year: 12 months + 4 quarters; March not closed, May not signed, Q2 without a notice, notice 7 (Q3) not
        // stamped and without photo (one part), two entries without photos (two more items); the objection is left out
        List<Gap> gaps = List.of(
                new Gap("month-not-closed", "2025-03", ""), new Gap("month-not-confirmed", "2025-05", ""),
                new Gap("notice-missing", "2025-Q2", ""), new Gap("notice-stamp-missing", "notice-7", ""),
                new Gap("notice-photo-missing", "notice-7", ""), new Gap("entry-photo-missing", "entry-1", ""),
                new Gap("entry-photo-missing", "entry-2", ""), new Gap("objection-unanswered", "objection-3", ""));
        assertEquals(r(16 - 4, 16 + 2), VillageRatings.ledgerRatio(2025, 12, gaps, Map.of(7L, 3)));
        // a year in progress (after five ended months: one ended quarter): later months and quarters are not due yet
        List<Gap> running = List.of(new Gap("month-not-closed", "2026-05", ""), new Gap("month-not-closed", "2026-06", ""),
                new Gap("notice-missing", "2026-Q1", ""), new Gap("notice-missing", "2026-Q2", ""));
        assertEquals(r(6 - 2, 6), VillageRatings.ledgerRatio(2026, 5, running, Map.of()));
        // in January nothing of the year is due: the measure is missing
        assertEquals(Ratio.NONE, VillageRatings.ledgerRatio(2026, 0, List.of(new Gap("month-not-closed", "2026-01", "")), Map.of()));
    }

    @Test
    void shouldDeclareTheWeightsAsTownSettings() {
        VillageRatingSettings group = new VillageRatingSettings();
        assertEquals("文明信用村评定", group.title());
        assertEquals(8, group.settings().size());
        assertEquals(30, VillageRatingSettings.PARTICIPATION.defaultValue().intValue());
        assertEquals("village-rating.weight.participation", VillageRatingSettings.PARTICIPATION.name());
    }

    @Test
    void shouldKeepFrameworksOutOfTheRule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "org.hibernate..", "io.vertx..",
                        "io.smallrye..", "com.fasterxml..")
                .check(new ClassFileImporter().importClasses(VillageRatingRule.class, Measure.class, Ratio.class, Result.class, Grade.class));
    }
}
