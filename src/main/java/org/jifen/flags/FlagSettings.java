package org.jifen.flags;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.town.TownSetting;
import org.jifen.town.TownSettingGroup;

import java.util.List;

/** The thresholds of the anomaly flags (异常预警), which a town may change on its settings page. */
@ApplicationScoped
public class FlagSettings implements TownSettingGroup {

    /** A month that has ended with fewer entries registered than this is a month without registration. */
    public static final TownSetting MIN_ENTRIES = TownSetting.of("flags.no-registration.entries",
            "每月至少登记条数（少于此数视为当月未登记）", "条", 1, 1, 1000);
    /** Approvals a reviewer must have given in the year before concentration is looked at. */
    public static final TownSetting APPROVALS_MIN = TownSetting.of("flags.concentrated-approvals.min-approvals",
            "人情分：评议人本年至少批准条数才检查", "条", 20, 1, 10_000);
    /** How many households count as "a few". */
    public static final TownSetting APPROVALS_TOP = TownSetting.of("flags.concentrated-approvals.households",
            "人情分：前几户", "户", 3, 1, 50);
    /** Share of one reviewer's approved points going to those households that fires the flag. */
    public static final TownSetting APPROVALS_SHARE = TownSetting.of("flags.concentrated-approvals.share",
            "人情分：前几户所占该评议人批准积分的比例达到", "%", 50, 1, 100);
    /** Points a household earned in the last month before a notice that can be a spike. */
    public static final TownSetting SPIKE_POINTS = TownSetting.of("flags.spike-before-notice.points",
            "公示前突增：公示季度最后一个月至少获得", "分", 50, 1, 10_000);
    /** How many times the household's monthly average of the quarter's earlier months. */
    public static final TownSetting SPIKE_RATIO = TownSetting.of("flags.spike-before-notice.ratio",
            "公示前突增：且达到该户本季度前两个月月均的倍数", "倍", 3, 1, 100);
    /** Redemptions outside the redemption days in one month that fire the flag. */
    public static final TownSetting OUTSIDE_DAYS_MIN = TownSetting.of("flags.redeemed-outside-days.redemptions",
            "非兑换日兑换：每月达到笔数", "笔", 1, 1, 10_000);
    /** A manual adjustment of at least this many points (either sign). */
    public static final TownSetting ADJUSTMENT_POINTS = TownSetting.of("flags.large-adjustment.points",
            "大额手工调整：单笔调整（加或减）达到", "分", 50, 1, 10_000);
    /** Earned points of the year, with no approved entry in the year, that fire the flag. */
    public static final TownSetting WITHOUT_ENTRIES_POINTS = TownSetting.of("flags.points-without-entries.points",
            "有积分无登记：本年累计积分达到（且本年没有批准的登记）", "分", 10, 1, 10_000);

    static final List<TownSetting> ALL = List.of(MIN_ENTRIES, APPROVALS_MIN, APPROVALS_TOP, APPROVALS_SHARE, SPIKE_POINTS,
            SPIKE_RATIO, OUTSIDE_DAYS_MIN, ADJUSTMENT_POINTS, WITHOUT_ENTRIES_POINTS);

    @Override
    public String title() {
        return "异常预警";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<TownSetting> settings() {
        return ALL;
    }
}
