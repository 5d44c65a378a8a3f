package org.jifen.notice;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.demo.DemoContext;
import org.jifen.demo.DemoStep;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.jifen.points.PointsSql.*;

/**
 * Demo: the first demo village's notice (公示) of the most recent full quarter, drafted and published by its
 * secretary the way the API does it, with the notice period running today so the public page takes objections,
 * and one villager's objection with its recorded answer. Needs the quarter's months closed (the points step).
 */
@ApplicationScoped
public class NoticeDemo implements DemoStep {

    @Inject
    NoticeService notices;

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 50;
    }

    /** The last full quarter before {@code now}, as {year, quarter}. */
    static int[] lastFullQuarter(YearMonth now) {
        YearMonth last = now.minusMonths((now.getMonthValue() - 1) % 3 + 1);
        return new int[]{last.getYear(), (last.getMonthValue() + 2) / 3};
    }

    @Override
    public Uni<Void> load(DemoContext context) {
        if (context.villageIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long villageId = context.villageIds.get(0);
        int[] q = lastFullQuarter(time.thisMonth());
        List<YearMonth> months = NoticeRules.months(q[0], q[1]);
        return rows("SELECT month FROM month_close WHERE village_id = ?1 AND month IN (?2, ?3, ?4)", villageId,
                months.get(0).toString(), months.get(1).toString(), months.get(2).toString())
                .flatMap(closed -> {
                    if (closed.size() < 3) {
                        Log.infof("demo: no notice for village %d, %d Q%d is not closed", villageId, q[0], q[1]);
                        return Uni.createFrom().voidItem();
                    }
                    return one("""
                            SELECT s.id, s.username, s.display_name FROM staff s
                             WHERE s.village_id = ?1 AND s.role = 'SECRETARY' ORDER BY s.id LIMIT 1""", villageId)
                            .flatMap(s -> publish(context, villageId, q[0], q[1], months.get(2).atEndOfMonth(), s));
                });
    }

    private Uni<Void> publish(DemoContext context, long villageId, int year, int quarter, LocalDate statisticsDate, Object[] secretary) {
        StaffPrincipal actor = secretary == null
                ? new StaffPrincipal(0, "demo", Role.SECRETARY, context.townId, villageId)
                : new StaffPrincipal(lng(secretary[0]), str(secretary[1]), Role.SECRETARY, context.townId, villageId);
        String signatory = secretary == null ? "村党支部书记" : str(secretary[2]);
        LocalDate today = time.today();
        LocalDate from = today.minusDays(3).isAfter(statisticsDate) ? today.minusDays(3) : statisticsDate.plusDays(1);
        NoticeService.Fields fields = new NoticeService.Fields(statisticsDate, from, today.plusDays(7), signatory,
                "村委会办公室 0856-6821" + String.format("%03d", villageId % 1000));
        return notices.createDraft(actor, villageId, year, quarter, fields)
                .flatMap(draft -> notices.publish(actor, draft.notice().id))
                .flatMap(published -> objection(actor, published));
    }

    /** A villager asks about a deed of the quarter; the village checked the records and answers. */
    private Uni<Void> objection(StaffPrincipal actor, NoticeService.Detail notice) {
        List<NoticeRules.Row> rows = notice.rows();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NoticeRules.Row row = rows.get(Math.min(11, rows.size() - 1));
        return one("SELECT coalesce(phone, '当面提出') FROM household WHERE id = ?1", row.householdId())
                .flatMap(phone -> notices.file(notice.notice().id,
                        "我家这个季度参加了两次村组环境卫生集中整治，公示的积分好像只算了一次，请帮忙核实。", str(phone[0]), row.number(), "demo"))
                .flatMap(o -> notices.answer(actor, o.id, "经核对登记记录和现场照片，该户本季度参加集中整治一次（另一次为报名未到场），"
                        + "已按积分细则计分，公示积分无误。已电话告知户主" + row.headName() + "。", false, null, null, null))
                .replaceWithVoid();
    }
}
