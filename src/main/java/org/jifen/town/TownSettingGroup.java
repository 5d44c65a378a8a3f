package org.jifen.town;

import java.util.List;

/**
 * The settings one feature lets a town change. A feature declares its group as an {@code @ApplicationScoped} bean;
 * {@link TownSettings} finds every group, so the settings page and API list them without knowing the features.
 */
public interface TownSettingGroup {

    /** The group's heading on the settings page (Chinese), e.g. 异常预警. */
    String title();

    /** Order on the settings page, lower first. */
    default int order() {
        return 100;
    }

    List<TownSetting> settings();
}
