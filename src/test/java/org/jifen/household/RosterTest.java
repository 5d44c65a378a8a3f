package org.jifen.household;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The roster rules and file reading without a server. */
class RosterTest {

    private static Roster.RawRow row(int r, String number, String head, String phone, String group) {
        return new Roster.RawRow(r, Map.of(Roster.NUMBER, number, Roster.HEAD, head, Roster.PHONE, phone, Roster.GROUP, group));
    }

    @Test
    void shouldReportEveryRowOfADuplicatedNumberAndEachOtherProblem() {
        var checked = Roster.check(new Roster.Sheet(false, false, List.of(
                row(2, "1", "甲", "", "一组"), row(3, "2", "", "139 1234 5678", "一组"), row(4, "1", "丙", "", ""),
                row(5, "", "丁", "110", ""))));
        assertEquals(List.of(2, 3, 4, 5, 5), checked.errors().stream().map(Roster.RowError::row).toList());
        assertEquals(List.of(Roster.DUPLICATE_NUMBER, Roster.MISSING_HEAD, Roster.DUPLICATE_NUMBER, Roster.MISSING_NUMBER, Roster.BAD_PHONE),
                checked.errors().stream().map(Roster.RowError::message).toList());
    }

    @Test
    void shouldNormalizePhonesAndAcceptLandlines() {
        var checked = Roster.check(new Roster.Sheet(false, false, List.of(
                row(2, "1", "甲", "139-1234-5678", ""), row(3, "2", "乙", "+8613912345678", ""), row(4, "3", "丙", "0851-6123456", ""))));
        assertTrue(checked.errors().isEmpty(), checked.errors().toString());
        assertEquals(List.of("13912345678", "13912345678", "0851-6123456"), checked.rows().stream().map(Roster.Row::phone).toList());
    }

    @Test
    void shouldParseMembersWithHalfAndFullWidthBrackets() {
        var members = Roster.parseMembers("王强(子);李梅（女）、 张三 ；");
        assertEquals(List.of("王强", "李梅", "张三"), members.stream().map(HouseholdService.NewMember::name).toList());
        assertEquals(java.util.Arrays.asList("子", "女", null), members.stream().map(HouseholdService.NewMember::relation).toList());
        assertEquals("王强(子);李梅(女);张三", Roster.formatMembers(members));
        assertThrows(IllegalArgumentException.class, () -> Roster.parseMembers("(子)"));
    }

    @Test
    void shouldReadUtf8WithBomAndGbkCsvTheSame() {
        String text = "户号,户主姓名,联系电话,村民小组,标签\n7,欧阳娜娜,,三组,留守儿童;残疾\n";
        var utf8 = RosterFile.read(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8), null);
        var gbk = RosterFile.read(text.getBytes(Charset.forName("GBK")), null);
        assertEquals(utf8, gbk);
        assertTrue(utf8.hasTags());
        assertFalse(utf8.hasMembers());
        assertEquals(List.of("留守儿童", "残疾"), Roster.check(utf8).rows().get(0).tags());
    }

    @Test
    void shouldWriteCsvThatReadsBackWithFormulaCellsDefused() {
        byte[] csv = RosterFile.writeCsv(List.of(new RosterFile.Line("1", "=HYPERLINK(\"x\")", null, "一组", "", "")));
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.contains("'=HYPERLINK"), text);
        var sheet = RosterFile.read(csv, null);
        assertEquals("=HYPERLINK(\"x\")", sheet.rows().get(0).cells().get(Roster.HEAD));
    }

    @Test
    void shouldOrderChineseGroupNamesAsPeopleCount() {
        List<String> groups = new java.util.ArrayList<>(List.of("十二组", "二组", "十组", "一组", "3组", "河东"));
        groups.sort(GroupOrder.COMPARATOR);
        assertEquals(List.of("一组", "二组", "3组", "十组", "十二组", "河东"), groups);
    }
}
