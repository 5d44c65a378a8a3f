package org.jifen.notice;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pure rules of a quarterly notice: its months, the ranking with ties, the required fields, the
 * order of its dates, the content hash and name masking. No framework here; unit-tested directly.
 */
public final class NoticeRules {

    /** Request field names of the fields a notice needs before it may be published, in form order. */
    public static final List<String> REQUIRED_FIELDS = List.of("statisticsDate", "noticeFrom", "noticeTo", "signatory", "contact");

    private NoticeRules() {
    }

    /** One household's figures, before ranking. */
    public record Figures(long householdId, String number, String headName, int quarterPoints, int bonusPoints,
                          int yearPoints, int availablePoints) {
    }

    /** One line of a notice. */
    public record Row(int rank, long householdId, String number, String headName, int quarterPoints, int bonusPoints,
                      int yearPoints, int availablePoints) {
    }

    /** The three months of a quarter, in order. */
    public static List<YearMonth> months(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1-4");
        }
        int first = (quarter - 1) * 3 + 1;
        return List.of(YearMonth.of(year, first), YearMonth.of(year, first + 1), YearMonth.of(year, first + 2));
    }

    /** The earned-points periods of the quarter's year up to and including the quarter ('2026-Q1'...). */
    public static List<String> quartersUpTo(int year, int quarter) {
        List<String> periods = new ArrayList<>();
        for (int q = 1; q <= quarter; q++) {
            periods.add(year + "-Q" + q);
        }
        return periods;
    }

    /**
     * Ranks by quarter points, highest first; equal points share a rank and the next rank skips
     * (100, 90, 90, 80 → 1, 2, 2, 4). Within a rank, households keep the order of their numbers.
     */
    public static List<Row> rank(List<Figures> figures) {
        List<Figures> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingInt(Figures::quarterPoints).reversed()
                .thenComparing(Figures::number, NoticeRules::compareNumbers));
        List<Row> rows = new ArrayList<>(sorted.size());
        int rank = 0;
        Integer previous = null;
        for (int i = 0; i < sorted.size(); i++) {
            Figures f = sorted.get(i);
            if (previous == null || f.quarterPoints() != previous) {
                rank = i + 1;
                previous = f.quarterPoints();
            }
            rows.add(new Row(rank, f.householdId(), f.number(), f.headName(), f.quarterPoints(), f.bonusPoints(),
                    f.yearPoints(), f.availablePoints()));
        }
        return rows;
    }

    /** Household numbers compare numerically when both are digits ("2" before "10"), else as text. */
    static int compareNumbers(String a, String b) {
        if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
            int c = Long.compare(Long.parseLong(a), Long.parseLong(b));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    /** The names of the required fields that are blank, in {@link #REQUIRED_FIELDS} order. */
    public static List<String> blankFields(LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo,
                                           String signatory, String contact) {
        List<String> blank = new ArrayList<>();
        if (statisticsDate == null) {
            blank.add("statisticsDate");
        }
        if (noticeFrom == null) {
            blank.add("noticeFrom");
        }
        if (noticeTo == null) {
            blank.add("noticeTo");
        }
        if (signatory == null || signatory.isBlank()) {
            blank.add("signatory");
        }
        if (contact == null || contact.isBlank()) {
            blank.add("contact");
        }
        return blank;
    }

    /** The fields whose date is out of order: the notice starts on or after the statistics date and ends on or after it starts. */
    public static List<String> badDates(LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo) {
        List<String> bad = new ArrayList<>();
        if (noticeFrom.isBefore(statisticsDate)) {
            bad.add("noticeFrom");
        }
        if (noticeTo.isBefore(noticeFrom)) {
            bad.add("noticeTo");
        }
        return bad;
    }

    /** Objections are taken from the first to the last day of the notice period (China dates), inclusive. */
    public static WindowState window(LocalDate today, LocalDate from, LocalDate to) {
        if (from == null || to == null || today.isBefore(from)) {
            return WindowState.NOT_STARTED;
        }
        return today.isAfter(to) ? WindowState.ENDED : WindowState.OPEN;
    }

    public enum WindowState { NOT_STARTED, OPEN, ENDED }

    /**
     * The text the content hash covers: the village and quarter, each month's ledger seal, then every row
     * in order. Fields are separated by '|' and lines by '\n'; '|', '\\' and line breaks inside a name are
     * escaped so that no two different notices share a text.
     */
    public static String canonical(long villageId, int year, int quarter, List<String> monthSeals, List<Row> rows) {
        StringBuilder sb = new StringBuilder(64 + rows.size() * 48);
        sb.append("jifen-notice-v1|").append(villageId).append('|').append(year).append("-Q").append(quarter).append('\n');
        for (String seal : monthSeals) {
            sb.append("seal|").append(escape(seal)).append('\n');
        }
        for (Row r : rows) {
            sb.append("row|").append(r.rank()).append('|').append(r.householdId()).append('|').append(escape(r.number()))
                    .append('|').append(escape(r.headName())).append('|').append(r.quarterPoints()).append('|')
                    .append(r.bonusPoints()).append('|').append(r.yearPoints()).append('|').append(r.availablePoints())
                    .append('\n');
        }
        return sb.toString();
    }

    /** SHA-256 (lower-case hex) of {@link #canonical}. */
    public static String contentHash(long villageId, int year, int quarter, List<String> monthSeals, List<Row> rows) {
        return sha256(canonical(villageId, year, quarter, monthSeals, rows).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        return org.jifen.common.Photos.sha256(bytes);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n").replace("\r", "\\r");
    }

    /**
     * Masks a name for public display: the first and last characters stay, the middle becomes '*'
     * (张*明, 欧**明); a two-character name keeps its first (李*); one character stays as it is.
     */
    public static String mask(String name) {
        if (name == null) {
            return "";
        }
        int[] cps = name.strip().codePoints().toArray();
        if (cps.length <= 1) {
            return name.strip();
        }
        StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return sb.append('*').toString();
        }
        sb.append("*".repeat(cps.length - 2));
        return sb.appendCodePoint(cps[cps.length - 1]).toString();
    }

    /** Chinese numeral of a quarter (一 to 四). */
    public static String quarterName(int quarter) {
        return switch (quarter) {
            case 1 -> "一";
            case 2 -> "二";
            case 3 -> "三";
            case 4 -> "四";
            default -> String.valueOf(quarter);
        };
    }

    /** Removes characters XML 1.0 cannot carry (control characters), so a poster always parses. */
    public static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
