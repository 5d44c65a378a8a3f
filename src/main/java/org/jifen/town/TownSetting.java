package org.jifen.town;

import java.math.BigDecimal;

/**
 * One setting a town may change, declared by the feature that reads it (in a {@link TownSettingGroup}).
 *
 * @param name  stable key, lower case with dots, e.g. {@code flags.large-adjustment.points}
 * @param label what the town office reads on the settings page (Chinese)
 * @param unit  shown after the value (e.g. 分, %, 天), may be empty
 */
public record TownSetting(String name, String label, String unit, BigDecimal defaultValue, BigDecimal min, BigDecimal max) {

    public TownSetting {
        if (!name.matches("[a-z][a-z0-9.-]{0,79}")) {
            throw new IllegalArgumentException("bad setting name " + name);
        }
        if (defaultValue.compareTo(min) < 0 || defaultValue.compareTo(max) > 0) {
            throw new IllegalArgumentException("default of " + name + " out of its range");
        }
    }

    public static TownSetting of(String name, String label, String unit, long defaultValue, long min, long max) {
        return new TownSetting(name, label, unit, BigDecimal.valueOf(defaultValue), BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public boolean allows(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
