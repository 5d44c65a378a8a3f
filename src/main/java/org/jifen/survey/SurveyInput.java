package org.jifen.survey;

import org.jifen.common.DomainException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields of survey requests and forms; a bad field is a 400 naming it, never a 500. */
final class SurveyInput {

    static final int MET_WHOM_MAX = 100;
    static final int NEEDS_MAX = 2000;
    static final int WISHED_MAX = 20;

    private SurveyInput() {
    }

    static DomainException bad(String code, String field, String message) {
        return DomainException.badRequest(code, message, List.of(field));
    }

    /** Trimmed text of at most {@code max} characters without NUL, or null when blank. */
    static String optional(String raw, int max, String field, String message) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = raw.strip();
        if (t.length() > max || t.indexOf('\0') >= 0) {
            throw bad("survey.text-too-long", field, message);
        }
        return t;
    }

    static String required(String raw, int max, String field, String message) {
        String t = optional(raw, max, field, message);
        if (t == null) {
            throw bad("request.invalid", field, message);
        }
        return t;
    }

    /** The visit's date: today when blank; a bad date is a 400 (a future one is refused by {@link SurveyVisits}). */
    static LocalDate visitedOn(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return today;
        }
        LocalDate d = SurveyRules.date(raw);
        if (d == null || d.getYear() < 2000) {
            throw bad("request.invalid", "visitedOn", "请填写走访日期（如 2026-03-05）");
        }
        return d;
    }

    /** Short texts of wished goods, each at most {@link SurveyRules#WISH_TEXT_MAX} characters. */
    static List<String> texts(List<String> raw, String field) {
        List<String> out = new ArrayList<>();
        for (String t : raw) {
            String s = optional(t, SurveyRules.WISH_TEXT_MAX, field, "每件想要的物品不超过 " + SurveyRules.WISH_TEXT_MAX + " 个字");
            if (s != null && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static void atMost(int n, String field) {
        if (n > WISHED_MAX) {
            throw bad("request.invalid", field, "一次走访最多记录 " + WISHED_MAX + " 件想要的物品");
        }
    }

    static Long optionalId(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw bad("request.invalid", field, "编号应为整数");
        }
    }

    /** {@code 2026-Q4}; the quarter of {@code today} when blank. */
    static SurveyRules.Quarter quarter(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return SurveyRules.Quarter.of(today);
        }
        SurveyRules.Quarter q = SurveyRules.Quarter.parse(raw);
        if (q == null) {
            throw bad("request.invalid", "quarter", "季度的写法如 2026-Q4");
        }
        return q;
    }
}
