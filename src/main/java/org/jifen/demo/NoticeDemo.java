package org.jifen.demo;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.notice.NoticeRules;
import org.jifen.notice.NoticeService;
import org.jifen.notice.ObjectionService;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Demo: the first demo village's notice (公示) of the most recent full quarter, drafted and published by its
 * secretary the way the API does it, with the notice period running today so the public page takes objections,
 * and one villager's objection with its recorded answer. Needs the quarter's months closed (the points step).
 */
@ApplicationScoped
public class NoticeDemo implements DemoStep {

    private record Secretary(long id, String username, String displayName) {
    }

    @Inject
    NoticeService notices;

    @Inject
    ObjectionService objections;

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
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        if (context.villageIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long villageId = context.villageIds.get(0);
        int[] q = lastFullQuarter(time.thisMonth());
        List<YearMonth> months = NoticeRules.months(q[0], q[1]);
        String[] names = months.stream().map(YearMonth::toString).toArray(String[]::new);
        return Sql.first(tx, "SELECT count(*) AS n FROM month_close WHERE village_id = $1 AND month = ANY ($2::text[])",
                        Sql.args(villageId, names), r -> r.getLong("n"))
                .flatMap(closed -> {
                    if (closed < 3) {
                        Log.infof("demo: no notice for village %d, %d Q%d is not closed", villageId, q[0], q[1]);
                        return Uni.createFrom().voidItem();
                    }
                    return Sql.first(tx, """
                                    SELECT id, username, display_name FROM staff
                                     WHERE village_id = $1 AND role = 'SECRETARY' ORDER BY id LIMIT 1""", Sql.args(villageId),
                                    r -> new Secretary(r.getLong("id"), r.getString("username"), r.getString("display_name")))
                            .flatMap(s -> publish(tx, context, villageId, q[0], q[1], months.get(2).atEndOfMonth(), s));
                });
    }

    private Uni<Void> publish(SqlConnection tx, DemoContext context, long villageId, int year, int quarter,
                              LocalDate statisticsDate, Secretary secretary) {
        StaffPrincipal actor = secretary == null
                ? new StaffPrincipal(0, "demo", Role.SECRETARY, context.townId, villageId)
                : new StaffPrincipal(secretary.id(), secretary.username(), Role.SECRETARY, context.townId, villageId);
        String signatory = secretary == null ? "村党支部书记" : secretary.displayName();
        LocalDate today = time.today();
        LocalDate from = today.minusDays(3).isAfter(statisticsDate) ? today.minusDays(3) : statisticsDate.plusDays(1);
        NoticeService.Fields fields = new NoticeService.Fields(statisticsDate, from, today.plusDays(7), signatory,
                "村委会办公室 0856-6821" + String.format("%03d", villageId % 1000));
        return notices.createDraft(tx, actor, villageId, year, quarter, fields)
                .flatMap(draft -> notices.publish(tx, actor, draft.notice().id()))
                .flatMap(published -> objection(tx, actor, published));
    }

    /** A villager asks about a deed of the quarter; the village checked the records and answers. */
    private Uni<Void> objection(SqlConnection tx, StaffPrincipal actor, NoticeService.Detail notice) {
        List<NoticeRules.Row> rows = notice.rows();
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        NoticeRules.Row row = rows.get(Math.min(11, rows.size() - 1));
        return Sql.one(tx, "SELECT coalesce(phone, '当面提出') AS phone FROM household WHERE id = $1", Sql.args(row.householdId()),
                        "该农户", r -> r.getString("phone"))
                .flatMap(phone -> objections.file(tx, notice.notice().id(),
                        "我家这个季度参加了两次村组环境卫生集中整治，公示的积分好像只算了一次，请帮忙核实。", phone, row.number(), "demo"))
                .flatMap(o -> objections.answer(tx, actor, o.id(), "经核对登记记录和现场照片，该户本季度参加集中整治一次（另一次为报名未到场），"
                        + "已按积分细则计分，公示积分无误。已电话告知户主" + row.headName() + "。", false, null, null, null))
                .replaceWithVoid();
    }
}
