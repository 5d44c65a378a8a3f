package org.jifen.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.ledger.Postings;
import org.jifen.points.MonthCloseService;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Demo: a believable town catalog (积分细则) and, for every demo village, closed months of approved entries with
 * rankings and bonuses, back to the first month of the most recent full quarter (so that quarter can be noticed),
 * plus a few entries of this month waiting for review. Runs after the villages and households step: it reads their
 * households from the database.
 */
@ApplicationScoped
public class PointsDemo implements DemoStep {

    record Demo(String code, String category, String title, int points, String unit, Integer cap, boolean photo, int weight) {
    }

    /** A town-wide catalog item as the demo entries use it. */
    record Item(long id, String code, String title, int points) {
    }

    static final List<Demo> CATALOG = List.of(
            new Demo("RJ01", "人居环境整治", "庭院干净整洁、物品摆放有序", 5, "月", 1, true, 8),
            new Demo("RJ02", "人居环境整治", "参与村组环境卫生集中整治", 3, "次", 4, false, 6),
            new Demo("RJ03", "人居环境整治", "门前三包落实到位", 2, "月", 1, false, 5),
            new Demo("ZY01", "志愿服务", "参加志愿服务活动", 3, "次", 5, true, 6),
            new Demo("ZY02", "志愿服务", "参与防汛、防火等应急值守", 5, "次", null, false, 2),
            new Demo("GA01", "关爱留守老人儿童", "结对帮扶留守老人、儿童", 5, "次", 4, false, 3),
            new Demo("ZS01", "义务植树", "参加义务植树", 2, "棵", 10, false, 3),
            new Demo("YZ01", "义诊义剪", "参与义诊义剪服务", 4, "次", null, false, 2),
            new Demo("TJ01", "调解矛盾纠纷", "协助调解邻里矛盾纠纷", 5, "起", null, false, 2),
            new Demo("YF01", "移风易俗", "红事新办、白事简办", 10, "次", null, false, 1),
            new Demo("YF02", "移风易俗", "拒绝高价彩礼、不大操大办", 10, "次", null, false, 1),
            new Demo("KF01", "扣分", "乱堆乱放、乱搭乱建", -3, "次", null, true, 3),
            new Demo("KF02", "扣分", "焚烧秸秆、垃圾", -5, "次", null, false, 1),
            new Demo("KF03", "扣分", "家禽散养影响环境卫生", -2, "次", null, false, 2));

    @Inject
    MonthCloseService closes;

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Demo d : CATALOG) {
            chain = chain.flatMap(x -> Sql.exec(tx, """
                    INSERT INTO catalog_item (town_id, code, category, title, points, unit, monthly_cap, photo_required)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING""",
                    Sql.args(context.townId, d.code(), d.category(), d.title(), d.points(), d.unit(), d.cap(), d.photo()))
                    .replaceWithVoid());
        }
        for (long villageId : context.villageIds) {
            chain = chain.flatMap(x -> village(tx, context, villageId));
        }
        return chain;
    }

    /**
     * How many months before {@code now} the demo closes: back to the first month of the most recent full quarter,
     * 3 in a quarter's first month, 5 in its last.
     */
    static int monthsToClose(YearMonth now) {
        return 3 + (now.getMonthValue() - 1) % 3;
    }

    private Uni<Void> village(SqlConnection tx, DemoContext context, long villageId) {
        return Sql.exec(tx, """
                        INSERT INTO points_village_settings (village_id, registration_day, two_approvals, updated_by)
                        VALUES ($1, 5, false, 'demo') ON CONFLICT DO NOTHING""", Sql.args(villageId))
                .flatMap(x -> Sql.list(tx, "SELECT id FROM household WHERE village_id = $1 AND status = 'ACTIVE' ORDER BY id",
                        Sql.args(villageId), r -> r.getLong("id")))
                .flatMap(households -> Sql.list(tx, """
                        SELECT i.id, i.code, i.title, i.points FROM catalog_item i JOIN village v ON v.town_id = i.town_id
                        WHERE v.id = $1 AND i.village_id IS NULL ORDER BY i.code""", Sql.args(villageId),
                        r -> new Item(r.getLong("id"), r.getString("code"), r.getString("title"), r.getInteger("points")))
                        .flatMap(items -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            YearMonth now = time.thisMonth();
                            for (int back = monthsToClose(now); back >= 1; back--) {
                                YearMonth month = now.minusMonths(back);
                                chain = chain.flatMap(x -> month(tx, context, villageId, households, items, month, true))
                                        .flatMap(x -> closes.close(tx, "demo", villageId, month.toString(), false).replaceWithVoid());
                            }
                            // this month: a few entries waiting for the evaluation group
                            return chain.flatMap(x -> month(tx, context, villageId, households.subList(0, Math.min(6, households.size())),
                                    items, now, false));
                        }));
    }

    private Uni<Void> month(SqlConnection tx, DemoContext context, long villageId, List<Long> households, List<Item> items,
                            YearMonth month, boolean approved) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int lastDay = month.equals(time.thisMonth()) ? time.today().getDayOfMonth() : month.lengthOfMonth();
        for (long household : households) {
            int deeds = context.random.nextInt(approved ? 4 : 2);
            for (int i = 0; i < deeds; i++) {
                Item item = pick(context, items);
                LocalDate on = month.atDay(1 + context.random.nextInt(lastDay));
                int quantity = item.points() > 0 && context.random.nextInt(4) == 0 ? 2 : 1;
                int points = item.points() * quantity;
                chain = chain.flatMap(x -> Sql.first(tx, """
                                        INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity,
                                                           points, occurred_on, month, status, approvals, recorded_by, recorded_by_id,
                                                           decided_at)
                                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'demo-officer', 0,
                                                CASE WHEN $11 = 'APPROVED' THEN now() END)
                                        RETURNING id""",
                                Sql.args(villageId, household, item.id(), item.code(), item.title(), item.points(), quantity, points,
                                        on, month.toString(), approved ? "APPROVED" : "PENDING", approved ? 1 : 0),
                                r -> r.getLong("id"))
                        .flatMap(entryId -> !approved ? Uni.createFrom().voidItem()
                                : Sql.exec(tx, "INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision) VALUES ($1, 'demo-reviewer', -1, 'APPROVE')",
                                                Sql.args(entryId))
                                        .flatMap(x2 -> Postings.post(tx, new Postings.NewPosting(household, villageId, "EARN", points,
                                                month.toString(), "entry", entryId, null, null, "demo-reviewer")))
                                        .replaceWithVoid()));
            }
        }
        return chain;
    }

    private static Item pick(DemoContext context, List<Item> items) {
        int total = 0;
        for (Item i : items) {
            total += weight(i.code());
        }
        int r = context.random.nextInt(Math.max(1, total));
        for (Item i : items) {
            r -= weight(i.code());
            if (r < 0) {
                return i;
            }
        }
        return items.get(0);
    }

    private static int weight(String code) {
        return CATALOG.stream().filter(d -> d.code().equals(code)).mapToInt(Demo::weight).findFirst().orElse(1);
    }
}
