package org.jifen.flags;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagMathTest {

    @Test
    void shouldCountMonthsFromTheStartToTheLastEndedMonth() {
        YearMonth now = YearMonth.of(2026, 6);
        Map<YearMonth, Long> entries = Map.of(YearMonth.of(2026, 3), 4L, YearMonth.of(2026, 5), 1L);
        assertEquals(List.of(YearMonth.of(2026, 4)), FlagMath.monthsWithoutRegistration(2026, YearMonth.of(2026, 3), now, entries, 1));
        // the month in progress never counts; a start last year counts from January
        assertEquals(List.of(YearMonth.of(2026, 1), YearMonth.of(2026, 2), YearMonth.of(2026, 4)),
                FlagMath.monthsWithoutRegistration(2026, YearMonth.of(2025, 9), now, entries, 1));
        // a minimum of two: May's single entry is too few
        assertEquals(List.of(YearMonth.of(2026, 4), YearMonth.of(2026, 5)),
                FlagMath.monthsWithoutRegistration(2026, YearMonth.of(2026, 3), now, entries, 2));
        // a past year runs to December; a village started this month has nothing yet
        assertEquals(12, FlagMath.monthsWithoutRegistration(2025, YearMonth.of(2024, 1), now, Map.of(), 1).size());
        assertEquals(List.of(), FlagMath.monthsWithoutRegistration(2026, now, now, Map.of(), 1));
    }

    @Test
    void shouldMeasureTheShareOfTheTopHouseholds() {
        var c = FlagMath.Concentration.of(List.of(new FlagMath.Approved(1, 8, 40), new FlagMath.Approved(2, 8, 40),
                new FlagMath.Approved(3, 2, 10), new FlagMath.Approved(4, 2, 10)), 3);
        assertEquals(20, c.entries());
        assertEquals(90, c.sharePercent());
        assertEquals(List.of(1L, 2L, 3L), c.top().stream().map(FlagMath.Approved::householdId).toList());
        assertTrue(c.fires(20, 50));
        assertFalse(c.fires(21, 50), "too few approvals to judge");
        assertFalse(c.fires(20, 91));
        var even = FlagMath.Concentration.of(java.util.stream.LongStream.rangeClosed(1, 10)
                .mapToObj(h -> new FlagMath.Approved(h, 2, 10)).toList(), 3);
        assertEquals(30, even.sharePercent());
        assertFalse(even.fires(20, 50));
    }

    @Test
    void shouldSeeASpikeAgainstTheEarlierMonths() {
        assertTrue(FlagMath.spike(60, 5, 0, 50, 3));
        assertTrue(FlagMath.spike(60, 20, 20, 50, 3));   // average 20, three times is 60
        assertFalse(FlagMath.spike(59, 20, 20, 50, 3));
        assertFalse(FlagMath.spike(49, 0, 0, 50, 3));    // below the minimum
        assertFalse(FlagMath.spike(60, 30, 30, 50, 3));  // a household that always earns this much
    }
}
