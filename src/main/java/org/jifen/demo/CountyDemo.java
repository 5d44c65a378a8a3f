package org.jifen.demo;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.ledger.Postings;
import org.jifen.town.StaffRepository;
import org.jifen.town.Towns;
import org.jifen.town.Villages;

import java.time.YearMonth;
import java.util.List;

/**
 * The county part of the demo (several towns in one install): the county admin {@code county} and a second town,
 * {@value #TOWN}, with its admin {@code qs-admin}, two villages with an officer, a secretary and a reviewer each,
 * their households, the first town's catalog and last month's approved deeds. Every password is
 * {@value HouseholdDemo#DEMO_PASSWORD}. Runs after the first town's steps.
 */
@ApplicationScoped
public class CountyDemo implements DemoStep {

    public static final String TOWN = "青石镇";

    record DemoVillage(String code, String name, String prefix, String secretary, String officer, String reviewer) {
    }

    static final List<DemoVillage> VILLAGES = List.of(
            new DemoVillage("YKC", "岩口村", "yk", "龙正平", "石秀英", "杨世才"),
            new DemoVillage("XKC", "溪口村", "xk", "吴洪亮", "田玉珍", "罗兴旺"));

    @Inject
    Vertx vertx;

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 90;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(HouseholdDemo.DEMO_PASSWORD)))
                .flatMap(hash -> StaffRepository.usernameTaken(tx, "county")
                        .flatMap(taken -> taken ? Uni.createFrom().voidItem()
                                : StaffRepository.insert(tx, null, null, "county", hash, "县农业农村局 蒋文", "COUNTY_ADMIN").replaceWithVoid())
                        .flatMap(x -> Towns.byName(tx, TOWN))
                        .flatMap(existing -> existing != null ? Uni.createFrom().voidItem() : town(tx, context, hash)));
    }

    private Uni<Void> town(SqlConnection tx, DemoContext context, String hash) {
        return Towns.insert(tx, TOWN).flatMap(town -> {
            Uni<Void> chain = StaffRepository.insert(tx, town.id(), null, "qs-admin", hash, "青石镇农办 彭海涛", "TOWN_ADMIN")
                    .flatMap(x -> Sql.exec(tx, """
                            INSERT INTO catalog_item (town_id, code, category, title, points, unit, monthly_cap, photo_required)
                            SELECT $2, code, category, title, points, unit, monthly_cap, photo_required
                              FROM catalog_item WHERE town_id = $1 ON CONFLICT DO NOTHING""", Sql.args(context.townId, town.id())))
                    .replaceWithVoid();
            for (DemoVillage dv : VILLAGES) {
                chain = chain.flatMap(x -> Villages.insert(tx, town.id(), dv.code(), dv.name(), "VILLAGE")
                        .call(v -> StaffRepository.insert(tx, town.id(), v.id(), dv.prefix() + "-secretary", hash, dv.secretary(), "SECRETARY"))
                        .call(v -> StaffRepository.insert(tx, town.id(), v.id(), dv.prefix() + "-officer", hash, dv.officer(), "OFFICER"))
                        .call(v -> StaffRepository.insert(tx, town.id(), v.id(), dv.prefix() + "-reviewer", hash, dv.reviewer(), "REVIEWER"))
                        .call(v -> HouseholdDemo.households(tx, v, context.random, 3))
                        .flatMap(v -> deeds(tx, context, town.id(), v.id())));
            }
            return chain.invoke(() -> Log.infof("demo: %s with %d villages", TOWN, VILLAGES.size()));
        });
    }

    /** Last month's approved deeds of about half the households, each with its EARN posting. */
    private Uni<Void> deeds(SqlConnection tx, DemoContext context, long townId, long villageId) {
        YearMonth month = time.thisMonth().minusMonths(1);
        record Item(long id, String code, String title, int points) {
        }
        return Sql.list(tx, "SELECT id, code, title, points FROM catalog_item WHERE town_id = $1 AND points > 0 ORDER BY code",
                        Sql.args(townId), r -> new Item(r.getLong("id"), r.getString("code"), r.getString("title"), r.getInteger("points")))
                .flatMap(items -> Sql.list(tx, "SELECT id FROM household WHERE village_id = $1 ORDER BY id", Sql.args(villageId),
                        r -> r.getLong("id")).flatMap(households -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    if (items.isEmpty()) {
                        return chain;
                    }
                    for (long household : households) {
                        if (!context.random.nextBoolean()) {
                            continue;
                        }
                        Item item = items.get(context.random.nextInt(items.size()));
                        var on = month.atDay(1 + context.random.nextInt(month.lengthOfMonth()));
                        chain = chain.flatMap(x -> Sql.first(tx, """
                                                INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity,
                                                                   points, occurred_on, month, status, approvals, recorded_by, recorded_by_id,
                                                                   decided_at)
                                                VALUES ($1, $2, $3, $4, $5, $6, 1, $6, $7, $8, 'APPROVED', 1, 'demo-officer', 0, now())
                                                RETURNING id""",
                                        Sql.args(villageId, household, item.id(), item.code(), item.title(), item.points(), on, month.toString()),
                                        r -> r.getLong("id"))
                                .call(entryId -> Sql.exec(tx, "INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision) VALUES ($1, 'demo-reviewer', -1, 'APPROVE')",
                                        Sql.args(entryId)))
                                .flatMap(entryId -> Postings.post(tx, new Postings.NewPosting(household, villageId, "EARN", item.points(),
                                        month.toString(), "entry", entryId, null, null, "demo-reviewer")))
                                .replaceWithVoid());
                    }
                    return chain;
                }));
    }
}
