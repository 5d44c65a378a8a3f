package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The gaps in the records this feature reads (points, notices, shop): months not closed or not confirmed, entries
 * without the photo their item requires (the catalog's {@code photo_required}, copied onto the entry when it is
 * registered), quarters without a published notice, notices without stamp or photo, redemption days without photos,
 * objections not answered. A whole year is complete only when its twelve months are closed, so a year in progress
 * lists its later months too.
 */
@ApplicationScoped
public class RecordGaps implements GapSource {

    @Inject
    Pool pool;

    @Override
    public Uni<List<Gap>> gaps(long villageId, int year) {
        return Uni.combine().all().unis(
                        LedgerBookSql.closedMonths(pool, villageId, year),
                        LedgerBookSql.confirmations(pool, villageId, year),
                        LedgerBookSql.entriesWithoutPhoto(pool, villageId, year),
                        LedgerBookSql.notices(pool, villageId, year),
                        LedgerBookSql.days(pool, villageId, year),
                        LedgerBookSql.unansweredObjections(pool, villageId, year))
                .with((closed, confirmations, entries, notices, days, objections) -> {
                    List<Gap> out = new ArrayList<>();
                    months(year, closed, confirmations, out);
                    entries.forEach(e -> out.add(new Gap(Completeness.ENTRY_PHOTO_MISSING, "entry-" + e.id(),
                            e.occurredOn() + " " + e.number() + " " + e.headName() + "：" + e.item() + "，该项目要求照片，尚未上传")));
                    notices(year, notices, out);
                    days.stream().filter(d -> d.photos() == 0).forEach(d -> out.add(new Gap(Completeness.REDEMPTION_DAY_PHOTO_MISSING,
                            "redemption-day-" + d.id(), d.day() + " 兑换日没有图文佐证照片")));
                    objections.forEach(o -> out.add(new Gap(Completeness.OBJECTION_UNANSWERED, "objection-" + o.id(),
                            "异议未答复：" + abbreviate(o.text(), 60))));
                    return out;
                });
    }

    private static void months(int year, Set<String> closed, List<LedgerBookSql.ConfirmationLine> confirmations,
                               List<Gap> out) {
        Map<String, List<String>> signed = confirmations.stream().filter(c -> "MONTH".equals(c.subject()))
                .collect(Collectors.groupingBy(LedgerBookSql.ConfirmationLine::month,
                        Collectors.mapping(LedgerBookSql.ConfirmationLine::capacity, Collectors.toList())));
        for (int i = 1; i <= 12; i++) {
            String month = YearMonth.of(year, i).toString();
            if (!closed.contains(month)) {
                out.add(new Gap(Completeness.MONTH_NOT_CLOSED, month, month + " 尚未核算结账"));
                continue;
            }
            List<String> missing = new ArrayList<>();
            List<String> have = signed.getOrDefault(month, List.of());
            if (!have.contains(Confirmations.REVIEWER)) {
                missing.add("评议组");
            }
            if (!have.contains(Confirmations.SECRETARY)) {
                missing.add("村党支部书记");
            }
            if (!missing.isEmpty()) {
                out.add(new Gap(Completeness.MONTH_NOT_CONFIRMED, month,
                        month + " 积分明细待确认签字：" + String.join("、", missing)));
            }
        }
    }

    private static void notices(int year, List<LedgerBookSql.NoticeHead> notices, List<Gap> out) {
        Map<Integer, LedgerBookSql.NoticeHead> byQuarter = notices.stream()
                .collect(Collectors.toMap(LedgerBookSql.NoticeHead::quarter, Function.identity()));
        for (int q = 1; q <= 4; q++) {
            String ref = year + "-Q" + q;
            LedgerBookSql.NoticeHead n = byQuarter.get(q);
            if (n == null) {
                out.add(new Gap(Completeness.NOTICE_MISSING, ref, "第" + q + "季度尚无公示"));
                continue;
            }
            if (!n.published()) {
                List<String> blank = blankFields(n);
                out.add(new Gap(Completeness.NOTICE_MISSING, ref, "第" + q + "季度公示只有草稿，尚未发布"
                        + (blank.isEmpty() ? "" : "；未填：" + String.join("、", blank))));
                continue;
            }
            if (n.stampedOn() == null) {
                out.add(new Gap(Completeness.NOTICE_STAMP_MISSING, "notice-" + n.id(), "第" + q + "季度公示未登记盖章"));
            }
            if (n.photos() == 0) {
                out.add(new Gap(Completeness.NOTICE_PHOTO_MISSING, "notice-" + n.id(), "第" + q + "季度公示没有张贴现场照片"));
            }
        }
    }

    /** A draft's blank required fields (a published notice has none: the database refuses it). */
    static List<String> blankFields(LedgerBookSql.NoticeHead n) {
        List<String> blank = new ArrayList<>();
        if (n.statisticsDate() == null) {
            blank.add("统计时间");
        }
        if (n.noticeFrom() == null || n.noticeTo() == null) {
            blank.add("公示时间");
        }
        if (n.signatory() == null || n.signatory().isBlank()) {
            blank.add("签字人");
        }
        if (n.contact() == null || n.contact().isBlank()) {
            blank.add("联系电话");
        }
        return blank;
    }

    static String abbreviate(String text, int max) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return t.length() <= max ? t : t.substring(0, max) + "…";
    }
}
