package org.jifen.portal;

/**
 * Star rating (星级文明信用户) of a year's earned points: at least 300 → 5 stars, 250 → 4, 200 → 3, else 0.
 * Pure; the points feature may later make the thresholds configurable per town.
 */
public final class Stars {

    public static final int THREE = 200;
    public static final int FOUR = 250;
    public static final int FIVE = 300;

    private Stars() {
    }

    public static int of(int yearPoints) {
        if (yearPoints >= FIVE) {
            return 5;
        }
        if (yearPoints >= FOUR) {
            return 4;
        }
        if (yearPoints >= THREE) {
            return 3;
        }
        return 0;
    }

    /** Points still missing to the next star level, or 0 at five stars. */
    public static int toNext(int yearPoints) {
        if (yearPoints < THREE) {
            return THREE - yearPoints;
        }
        if (yearPoints < FOUR) {
            return FOUR - yearPoints;
        }
        if (yearPoints < FIVE) {
            return FIVE - yearPoints;
        }
        return 0;
    }
}
