package org.jifen.survey;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of needs surveys that need no framework: which households are due a visit, the quarter a ranking covers,
 * and how the short texts of wishes are read. Pure, unit-tested in {@code SurveyRulesTest}.
 */
public final class SurveyRules {

    /**
     * The household tags (as the household package suggests them, {@code HouseholdService.SUGGESTED_TAGS}) whose
     * households must be visited regularly. A visit to an untagged household is recorded and counted in the ranking,
     * but such a household is never due.
     */
    public static final List<String> TAGS = List.of("留守老人", "留守儿童", "困难户");

    /** The longest text of a wished goods (portal wish or visit). */
    public static final int WISH_TEXT_MAX = 50;

    /** Common goods suggested on the portal beside the village shop's own goods. */
    public static final List<String> COMMON_SUGGESTIONS = List.of("大米", "面粉", "食用油", "洗衣粉", "牙膏牙刷", "毛巾",
            "老花镜", "保温杯", "手电筒", "雨伞", "书包文具", "课外书");

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private SurveyRules() {
    }

    /** A calendar quarter (季度), e.g. {@code 2026-Q4}. */
    public record Quarter(int year, int quarter) {

        public LocalDate from() {
            return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        }

        public LocalDate to() {
            return from().plusMonths(3).minusDays(1);
        }

        /** First and last month as {@code 2026-10}, {@code 2026-12}. */
        public String firstMonth() {
            return from().toString().substring(0, 7);
        }

        public String lastMonth() {
            return to().toString().substring(0, 7);
        }

        public Quarter previous() {
            return quarter == 1 ? new Quarter(year - 1, 4) : new Quarter(year, quarter - 1);
        }

        public Quarter next() {
            return quarter == 4 ? new Quarter(year + 1, 1) : new Quarter(year, quarter + 1);
        }

        public String label() {
            return year + " 年第 " + quarter + " 季度";
        }

        @Override
        public String toString() {
            return year + "-Q" + quarter;
        }

        public static Quarter of(LocalDate day) {
            return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
        }

        /** {@code 2026-Q4}; null for anything else. */
        public static Quarter parse(String text) {
            if (text == null) {
                return null;
            }
            Matcher m = QUARTER.matcher(text.trim());
            if (!m.matches()) {
                return null;
            }
            int year = Integer.parseInt(m.group(1));
            return year < 2000 || year > 2999 ? null : new Quarter(year, Integer.parseInt(m.group(2)));
        }
    }

    /**
     * The first day a visit counts for the due rule: a tagged household is due unless it was visited on or after this
     * day. {@code dueDays} > 0: a visit within the last {@code dueDays} days (today included); 0: a visit in the current
     * calendar quarter (每季度至少一次).
     */
    public static LocalDate dueCutoff(LocalDate today, int dueDays) {
        return dueDays <= 0 ? Quarter.of(today).from() : today.minusDays(dueDays - 1L);
    }

    /** Whether a household with these tags is ever due a visit. */
    public static boolean tagged(List<String> tags) {
        return tags != null && tags.stream().anyMatch(TAGS::contains);
    }

    /**
     * Short wish texts typed in one box ("大米、老花镜，书包"): split at commas, 、 and semicolons, trimmed, blanks and
     * repeats dropped. A text longer than {@link #WISH_TEXT_MAX} is returned as is (the caller refuses it).
     */
    public static List<String> splitWishes(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : typed.split("[,，、;；\\n]")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return new ArrayList<>(out);
    }

    /** A date as {@code 2026-03-05}; null when it is not one. */
    public static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
