package org.jifen.flags;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The threshold logic of the anomaly flags, framework free (unit-tested in {@code FlagMathTest}). */
public final class FlagMath {

    private FlagMath() {
    }

    /**
     * The months of {@code year} a village should have registered in but did not: from the month it started (the
     * earlier of its creation and its first entry, never before January) to the last month that has ended before
     * {@code thisMonth}, each month with fewer than {@code minEntries} entries.
     */
    public static List<YearMonth> monthsWithoutRegistration(int year, YearMonth started, YearMonth thisMonth,
                                                            Map<YearMonth, Long> entriesByMonth, int minEntries) {
        List<YearMonth> missing = new ArrayList<>();
        YearMonth from = started.isBefore(YearMonth.of(year, 1)) ? YearMonth.of(year, 1) : started;
        YearMonth lastEnded = thisMonth.minusMonths(1);
        YearMonth to = lastEnded.isBefore(YearMonth.of(year, 12)) ? lastEnded : YearMonth.of(year, 12);
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            if (entriesByMonth.getOrDefault(m, 0L) < minEntries) {
                missing.add(m);
            }
        }
        return missing;
    }

    /** One household's share of a reviewer's approvals. */
    public record Approved(long householdId, long entries, long points) {
    }

    /**
     * How much of one reviewer's approved points went to its {@code top} best-served households.
     *
     * @param top the households (most points first), at most {@code top} of them
     */
    public record Concentration(long entries, long points, List<Approved> top, long topPoints) {

        /** The top households' share of the points, in whole percent (rounded down). */
        public int sharePercent() {
            return points <= 0 ? 0 : (int) (topPoints * 100 / points);
        }

        public boolean fires(int minEntries, int sharePercent) {
            return entries >= minEntries && points > 0 && sharePercent() >= sharePercent;
        }

        public static Concentration of(List<Approved> byHousehold, int top) {
            List<Approved> sorted = byHousehold.stream()
                    .sorted(Comparator.comparingLong(Approved::points).reversed().thenComparingLong(Approved::householdId)).toList();
            List<Approved> best = sorted.subList(0, Math.min(top, sorted.size()));
            return new Concentration(sorted.stream().mapToLong(Approved::entries).sum(), sorted.stream().mapToLong(Approved::points).sum(),
                    best, best.stream().mapToLong(Approved::points).sum());
        }
    }

    /**
     * A points spike just before a notice: the household earned at least {@code minPoints} in the quarter's last month
     * and at least {@code ratio} times its monthly average of the quarter's two earlier months.
     */
    public static boolean spike(long lastMonth, long first, long second, int minPoints, int ratio) {
        return lastMonth >= minPoints && lastMonth * 2 >= (long) ratio * (first + second);
    }
}
