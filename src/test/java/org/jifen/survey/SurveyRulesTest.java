package org.jifen.survey;

import org.jifen.household.HouseholdService;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SurveyRulesTest {

    @Test
    void shouldBeDueAfterTheTownsDaysOrOncePerCalendarQuarter() {
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertEquals(LocalDate.of(2026, 9, 9), SurveyRules.dueCutoff(today, 90), "a visit 89 days ago still counts, 90 days ago not");
        assertEquals(today, SurveyRules.dueCutoff(today, 1));
        assertEquals(LocalDate.of(2026, 10, 1), SurveyRules.dueCutoff(today, 0), "0: the current quarter");
    }

    @Test
    void shouldReadQuarters() {
        SurveyRules.Quarter q = SurveyRules.Quarter.parse("2026-Q4");
        assertEquals(LocalDate.of(2026, 10, 1), q.from());
        assertEquals(LocalDate.of(2026, 12, 31), q.to());
        assertEquals("2026-10", q.firstMonth());
        assertEquals("2026-12", q.lastMonth());
        assertEquals("2027-Q1", q.next().toString());
        assertEquals("2026-Q3", q.previous().toString());
        assertEquals(LocalDate.of(2026, 3, 31), SurveyRules.Quarter.parse("2026-Q1").to());
        assertEquals(q, SurveyRules.Quarter.of(LocalDate.of(2026, 11, 30)));
        for (String bad : new String[]{"2026-Q5", "2026-Q0", "2026Q4", "", "1999-Q1", "2026-q4 x"}) {
            assertNull(SurveyRules.Quarter.parse(bad), bad);
        }
    }

    @Test
    void shouldSplitTypedWishesAndUseTheHouseholdTags() {
        assertEquals(List.of("书包", "台灯", "老花镜"), SurveyRules.splitWishes(" 书包、台灯，老花镜;书包 "));
        assertEquals(List.of(), SurveyRules.splitWishes("  "));
        assertTrue(HouseholdService.SUGGESTED_TAGS.containsAll(SurveyRules.TAGS), "the tags households can have");
        assertTrue(SurveyRules.tagged(List.of("脱贫户", "留守儿童")));
        assertFalse(SurveyRules.tagged(List.of("五保户")));
    }
}
