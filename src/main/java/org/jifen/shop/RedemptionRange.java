package org.jifen.shop;

import org.jifen.common.DomainException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The days a redemptions list covers, both inclusive (China dates). {@code to} defaults to today, {@code from} to
 * {@code to}: no parameter at all means today. At most {@link #MAX_DAYS} days, so one call never reads years. Pure.
 */
public record RedemptionRange(LocalDate from, LocalDate to) {

    /** A quarter and a day: one quarter's redemption day seen from any day of the quarter. */
    public static final int MAX_DAYS = 92;

    public static RedemptionRange parse(String from, String to, LocalDate today) {
        LocalDate end = date(to, "to", today);
        LocalDate start = date(from, "from", end);
        if (start.isAfter(end)) {
            throw new DomainException(400, "request.invalid", "日期范围有误", "开始日期不能晚于结束日期", List.of("from", "to"));
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new DomainException(400, "request.invalid", "日期范围过长", "一次最多查询 " + MAX_DAYS + " 天的兑换记录",
                    List.of("from", "to"));
        }
        return new RedemptionRange(start, end);
    }

    private static LocalDate date(String raw, String field, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw new DomainException(400, "request.invalid", "日期格式有误", "日期请写成 2026-03-05 的格式", List.of(field));
        }
    }
}
