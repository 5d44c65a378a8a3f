package org.jifen.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Every date, month and "this year" of the product is China time, whatever the server's zone.
 * Inject this instead of calling {@code LocalDate.now()}.
 */
@ApplicationScoped
public class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock = Clock.system(ZONE);

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public YearMonth thisMonth() {
        return YearMonth.now(clock);
    }

    public int thisYear() {
        return today().getYear();
    }

    /** True once the whole month lies in the past (China time). */
    public boolean hasEnded(YearMonth month) {
        return month.isBefore(thisMonth());
    }
}
