package org.jifen.rating;

/**
 * Year-end star rating (星级文明信用户), framework free: a year's earned points at or above
 * {@code five} give 5 stars, at or above {@code four} 4, at or above {@code three} 3, else 0.
 */
public record StarRule(int three, int four, int five) {

    public static final StarRule DEFAULT = new StarRule(200, 250, 300);

    public StarRule {
        if (three <= 0 || three > four || four > five) {
            throw new IllegalArgumentException("star thresholds must satisfy 0 < three <= four <= five");
        }
    }

    public int stars(int yearPoints) {
        if (yearPoints >= five) {
            return 5;
        }
        if (yearPoints >= four) {
            return 4;
        }
        if (yearPoints >= three) {
            return 3;
        }
        return 0;
    }

    /** Points still missing to the next star level, 0 at five stars. */
    public int pointsToNext(int yearPoints) {
        if (yearPoints < three) {
            return three - yearPoints;
        }
        if (yearPoints < four) {
            return four - yearPoints;
        }
        return yearPoints < five ? five - yearPoints : 0;
    }
}
