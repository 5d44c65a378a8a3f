package org.jifen.oversight;

import org.jifen.common.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the fields of oversight requests and forms; a bad field is a 400 naming it, never a 500. */
final class OversightInput {

    /** The longest period a spot check may cover. */
    static final int MAX_PERIOD_DAYS = 3 * 366;

    private OversightInput() {
    }

    static DomainException bad(String field, String message) {
        return DomainException.badRequest("request.invalid", message, List.of(field));
    }

    /** Trimmed text of at most {@code max} characters without NUL, or null when blank. */
    static String optional(String raw, int max, String field, String message) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = raw.trim();
        if (t.length() > max || t.indexOf('\0') >= 0) {
            throw bad(field, message);
        }
        return t;
    }

    static String required(String raw, int max, String field, String message) {
        String t = optional(raw, max, field, message);
        if (t == null) {
            throw bad(field, message);
        }
        return t;
    }

    static LocalDate date(String raw, String field) {
        try {
            return LocalDate.parse(required(raw, 10, field, "请填写日期（如 2026-03-31）"));
        } catch (DateTimeParseException e) {
            throw bad(field, "请填写日期（如 2026-03-31）");
        }
    }

    /** A spot check's period: both dates, {@code from} not after {@code to}, at most three years. */
    static LocalDate[] period(String from, String to) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        if (f.isAfter(t)) {
            throw bad("to", "结束日期不能早于开始日期");
        }
        if (f.plusDays(MAX_PERIOD_DAYS).isBefore(t)) {
            throw bad("to", "抽查期间不能超过三年");
        }
        return new LocalDate[]{f, t};
    }

    static int number(String raw, int min, int max, String field, String message) {
        try {
            int n = Integer.parseInt(raw == null ? "" : raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(field, message);
    }

    /** An optional whole number (a seed), or null when blank. */
    static Long optionalLong(String raw, String field, String message) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw bad(field, message);
        }
    }

    /** Posting ids typed as "12, 15 18" on a page. */
    static List<Long> ids(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        try {
            List<Long> out = java.util.Arrays.stream(raw.trim().split("[\\s,，、;；]+")).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
            if (out.size() > 100) {
                throw bad(field, "最多列出 100 条积分流水");
            }
            return out;
        } catch (NumberFormatException e) {
            throw bad(field, "积分流水号请填写数字，用逗号或空格分开");
        }
    }
}
