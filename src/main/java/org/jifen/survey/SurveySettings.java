package org.jifen.survey;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.town.TownSetting;
import org.jifen.town.TownSettingGroup;

import java.util.List;

/** What a town may change about needs surveys (走访调研): how often a tagged household is due a visit. */
@ApplicationScoped
public class SurveySettings implements TownSettingGroup {

    /** Days between visits of a household tagged 留守老人 / 留守儿童 / 困难户; 0: at least once per calendar quarter. */
    public static final TownSetting DUE_DAYS = TownSetting.of("survey.due-days",
            "重点户走访间隔（0 表示每个自然季度至少一次）", "天", 90, 0, 366);

    @Override
    public String title() {
        return "走访调研";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<TownSetting> settings() {
        return List.of(DUE_DAYS);
    }
}
