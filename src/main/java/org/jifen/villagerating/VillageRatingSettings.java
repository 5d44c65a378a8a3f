package org.jifen.villagerating;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.town.TownSetting;
import org.jifen.town.TownSettingGroup;
import org.jifen.town.TownSettings;
import org.jifen.villagerating.VillageRatingRule.Measure;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a town may change about its village ratings (文明信用村评定): the weight of each measure, the grade thresholds, and how soon an objection must be answered. */
@ApplicationScoped
public class VillageRatingSettings implements TownSettingGroup {

    static final TownSetting PARTICIPATION = weight(Measure.PARTICIPATION, "participation");
    static final TownSetting LEDGER = weight(Measure.LEDGER, "ledger");
    static final TownSetting SPOT_CHECKS = weight(Measure.SPOT_CHECKS, "spot-checks");
    static final TownSetting OBJECTIONS = weight(Measure.OBJECTIONS, "objections");
    static final TownSetting SHOP_INSPECTIONS = weight(Measure.SHOP_INSPECTIONS, "shop-inspections");
    static final TownSetting EXCELLENT = TownSetting.of("village-rating.grade.excellent", "评为文明信用村的最低得分", "分",
            VillageRatingRule.DEFAULT.excellent(), 0, 100);
    static final TownSetting GOOD = TownSetting.of("village-rating.grade.good", "评为良好的最低得分", "分",
            VillageRatingRule.DEFAULT.good(), 0, 100);
    static final TownSetting OBJECTION_DAYS = TownSetting.of("village-rating.objection-days", "异议应在提出后几天内答复", "天",
            7, 0, 90);

    static final Map<Measure, TownSetting> WEIGHTS = Map.of(Measure.PARTICIPATION, PARTICIPATION, Measure.LEDGER, LEDGER,
            Measure.SPOT_CHECKS, SPOT_CHECKS, Measure.OBJECTIONS, OBJECTIONS, Measure.SHOP_INSPECTIONS, SHOP_INSPECTIONS);

    private static TownSetting weight(Measure m, String key) {
        return TownSetting.of("village-rating.weight." + key, m.label + "的权重", "", VillageRatingRule.DEFAULT_WEIGHTS.get(m), 0, 100);
    }

    @Override
    public String title() {
        return "文明信用村评定";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public List<TownSetting> settings() {
        return List.of(PARTICIPATION, LEDGER, SPOT_CHECKS, OBJECTIONS, SHOP_INSPECTIONS, EXCELLENT, GOOD, OBJECTION_DAYS);
    }

    /** The rule with a town's values. */
    static VillageRatingRule rule(TownSettings.Values v) {
        Map<Measure, Integer> w = new EnumMap<>(Measure.class);
        WEIGHTS.forEach((m, s) -> w.put(m, v.intValue(s)));
        return new VillageRatingRule(w, v.intValue(EXCELLENT), v.intValue(GOOD));
    }
}
