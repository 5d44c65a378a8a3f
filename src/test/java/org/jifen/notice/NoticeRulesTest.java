package org.jifen.notice;

import org.jifen.notice.NoticeRules.Figures;
import org.jifen.notice.NoticeRules.Row;
import org.jifen.notice.NoticeRules.WindowState;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NoticeRulesTest {

    static Figures f(long id, String number, int quarter) {
        return new Figures(id, number, "户主" + id, quarter, 0, quarter, quarter);
    }

    @Test
    void shouldShareRanksOnTiesAndSkipAfterThem() {
        List<Row> rows = NoticeRules.rank(List.of(f(1, "10", 80), f(2, "2", 100), f(3, "3", 90), f(4, "1", 90), f(5, "5", 0)));
        assertEquals(List.of(2L, 4L, 3L, 1L, 5L), rows.stream().map(Row::householdId).toList());
        assertEquals(List.of(1, 2, 2, 4, 5), rows.stream().map(Row::rank).toList());
    }

    @Test
    void shouldOrderTiedHouseholdsByNumberNumerically() {
        List<Row> rows = NoticeRules.rank(List.of(f(1, "10", 5), f(2, "9", 5), f(3, "A1", 5)));
        assertEquals(List.of("9", "10", "A1"), rows.stream().map(Row::number).toList());
        assertTrue(rows.stream().allMatch(r -> r.rank() == 1));
    }

    @Test
    void shouldGiveTheThreeMonthsOfAQuarter() {
        assertEquals(List.of(YearMonth.of(2026, 4), YearMonth.of(2026, 5), YearMonth.of(2026, 6)), NoticeRules.months(2026, 2));
        assertEquals(List.of("2026-Q1", "2026-Q2", "2026-Q3"), NoticeRules.quartersUpTo(2026, 3));
        assertThrows(IllegalArgumentException.class, () -> NoticeRules.months(2026, 5));
    }

    @Test
    void shouldNameBlankFieldsInFormOrder() {
        assertEquals(List.of("statisticsDate", "noticeTo", "contact"),
                NoticeRules.blankFields(null, LocalDate.of(2026, 4, 1), null, "王书记", " "));
        assertEquals(List.of(), NoticeRules.blankFields(LocalDate.MIN, LocalDate.MIN, LocalDate.MIN, "a", "b"));
    }

    @Test
    void shouldRefuseDatesOutOfOrder() {
        LocalDate d = LocalDate.of(2026, 4, 5);
        assertEquals(List.of(), NoticeRules.badDates(d, d, d));
        assertEquals(List.of("noticeFrom"), NoticeRules.badDates(d, d.minusDays(1), d));
        assertEquals(List.of("noticeTo"), NoticeRules.badDates(d, d.plusDays(2), d.plusDays(1)));
    }

    @Test
    void shouldOpenTheObjectionWindowOnBothEndDays() {
        LocalDate from = LocalDate.of(2026, 4, 5);
        LocalDate to = LocalDate.of(2026, 4, 12);
        assertEquals(WindowState.NOT_STARTED, NoticeRules.window(from.minusDays(1), from, to));
        assertEquals(WindowState.OPEN, NoticeRules.window(from, from, to));
        assertEquals(WindowState.OPEN, NoticeRules.window(to, from, to));
        assertEquals(WindowState.ENDED, NoticeRules.window(to.plusDays(1), from, to));
    }

    @Test
    void shouldChangeTheContentHashWithAnyRowOrSeal() {
        List<String> seals = List.of("2026-01=a", "2026-02=b", "2026-03=c");
        List<Row> rows = List.of(new Row(1, 7, "01", "张三", 10, 2, 30, 25));
        String hash = NoticeRules.contentHash(1, 2026, 1, seals, rows);
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertEquals(hash, NoticeRules.contentHash(1, 2026, 1, seals, List.of(new Row(1, 7, "01", "张三", 10, 2, 30, 25))));
        assertNotEquals(hash, NoticeRules.contentHash(1, 2026, 1, seals, List.of(new Row(1, 7, "01", "张三", 10, 2, 30, 26))));
        assertNotEquals(hash, NoticeRules.contentHash(1, 2026, 1, List.of("2026-01=a", "2026-02=b", "2026-03=x"), rows));
        assertNotEquals(hash, NoticeRules.contentHash(2, 2026, 1, seals, rows));
        // a separator inside a name cannot forge another row
        assertNotEquals(NoticeRules.canonical(1, 2026, 1, seals, List.of(new Row(1, 7, "01", "a|b", 1, 0, 1, 1))),
                NoticeRules.canonical(1, 2026, 1, seals, List.of(new Row(1, 7, "01|a", "b", 1, 0, 1, 1))));
    }

    @Test
    void shouldMaskNamesKeepingFirstAndLastCharacter() {
        assertEquals("张*明", NoticeRules.mask("张小明"));
        assertEquals("李*", NoticeRules.mask("李四"));
        assertEquals("欧**明", NoticeRules.mask("欧阳小明"));
        assertEquals("王", NoticeRules.mask("王"));
        assertEquals("𠀋*", NoticeRules.mask("𠀋一"));
    }

    @Test
    void shouldDropCharactersXmlCannotCarry() {
        assertEquals("a<b>c", NoticeRules.xmlSafe("a<b>\u0001c"));
    }
}
