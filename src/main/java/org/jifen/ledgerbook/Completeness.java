package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The completeness check (不可留白): everything missing for a village and year, collected from every {@link GapSource}
 * bean and shown in one order (the kinds in the order of API.md, then any other kind as its source gives them). The ledger's cover
 * says 不完整 and lists these while any is there.
 */
@ApplicationScoped
public class Completeness {

    public static final String MONTH_NOT_CLOSED = "month-not-closed";
    public static final String MONTH_NOT_CONFIRMED = "month-not-confirmed";
    public static final String ENTRY_PHOTO_MISSING = "entry-photo-missing";
    public static final String NOTICE_MISSING = "notice-missing";
    public static final String NOTICE_STAMP_MISSING = "notice-stamp-missing";
    public static final String NOTICE_PHOTO_MISSING = "notice-photo-missing";
    public static final String REDEMPTION_DAY_PHOTO_MISSING = "redemption-day-photo-missing";
    public static final String PURCHASE_VOUCHER_MISSING = "purchase-voucher-missing";
    public static final String FUND_VOUCHER_MISSING = "fund-voucher-missing";
    public static final String OBJECTION_UNANSWERED = "objection-unanswered";

    /** The kinds in display order, each with its Chinese label. */
    public static final Map<String, String> LABELS = labels();

    private static final List<String> ORDER = List.copyOf(LABELS.keySet());

    public record Report(long villageId, int year, boolean complete, List<Gap> gaps) {
    }

    @Inject
    @Any
    Instance<GapSource> sources;

    public Uni<Report> check(long villageId, int year) {
        List<Uni<List<Gap>>> all = new ArrayList<>();
        sources.forEach(s -> all.add(s.gaps(villageId, year)));
        if (all.isEmpty()) {
            return Uni.createFrom().item(new Report(villageId, year, true, List.of()));
        }
        return Uni.join().all(all).andFailFast().map(lists -> {
            List<Gap> gaps = new ArrayList<>();
            lists.forEach(gaps::addAll);
            gaps.sort(Comparator.comparingInt(Completeness::rank));
            return new Report(villageId, year, gaps.isEmpty(), List.copyOf(gaps));
        });
    }

    private static int rank(Gap g) {
        int i = ORDER.indexOf(g.kind());
        return i < 0 ? ORDER.size() : i;
    }

    public static String label(String kind) {
        return LABELS.getOrDefault(kind, kind);
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(MONTH_NOT_CLOSED, "月份未核算结账");
        m.put(MONTH_NOT_CONFIRMED, "月度明细未确认签字");
        m.put(ENTRY_PHOTO_MISSING, "登记缺少照片");
        m.put(NOTICE_MISSING, "季度公示未发布");
        m.put(NOTICE_STAMP_MISSING, "公示未盖章");
        m.put(NOTICE_PHOTO_MISSING, "公示缺少张贴照片");
        m.put(REDEMPTION_DAY_PHOTO_MISSING, "兑换日缺少图文佐证");
        m.put(PURCHASE_VOUCHER_MISSING, "采购缺少凭证");
        m.put(FUND_VOUCHER_MISSING, "资金缺少凭证");
        m.put(OBJECTION_UNANSWERED, "异议未答复");
        return java.util.Collections.unmodifiableMap(m);
    }
}
