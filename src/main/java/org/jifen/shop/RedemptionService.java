package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.card.CardKeys;
import org.jifen.card.CardService;
import org.jifen.card.CardToken;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.common.security.VillageScope;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redemption, the hot path of redemption day. One transaction on the reactive pool, four round trips while the
 * household's account row is locked: (1) lock the account and read household, card version, policy and any
 * earlier answer for the idempotency key; (2) lock the sellable batches of the goods, in id order; (3) one
 * statement writing the redemption, its items and batch picks, the guarded stock updates, the REDEEM posting
 * (the ledger trigger refuses it below zero) and the audit row; commit. Two requests with one key: the second
 * gets the first answer, whether it comes later (found in step 1) or at the same time (the unique key refuses
 * its insert and the first answer is read after the rollback).
 */
@ApplicationScoped
public class RedemptionService {

    public record Item(long goodsId, int quantity) {
    }

    public record Answer(long id, long householdId, int totalPoints, int availableAfter) {
    }

    /** The answer and whether this call made it (201) or replayed an earlier one (200). */
    public record Result(Answer answer, boolean created) {
    }

    public record Reversal(long id, long householdId, int refundedPoints, int availableAfter, String reason) {
    }

    static final String LOCK = """
            SELECT a.available, h.village_id, h.card_version, h.status, v.town_id,
                   coalesce(s.redemption_days_only, false)
                     AND NOT EXISTS (SELECT 1 FROM redemption_day d WHERE d.village_id = h.village_id AND d.day = $2) AS closed_today,
                   r.id AS r_id, r.household_id AS r_household, r.total_points AS r_total, r.available_after AS r_after
              FROM account a
              JOIN household h ON h.id = a.household_id
              JOIN village v ON v.id = h.village_id
              LEFT JOIN shop_setting s ON s.village_id = h.village_id
              LEFT JOIN redemption r ON r.idempotency_key = $3
             WHERE a.household_id = $1
               FOR UPDATE OF a""";

    static final String BATCHES = """
            SELECT g.id AS goods_id, g.points_price, b.id AS batch_id, b.remaining, b.expires_on
              FROM goods g
              JOIN batch b ON b.goods_id = g.id AND b.remaining > 0 AND (b.expires_on IS NULL OR b.expires_on >= $3)
             WHERE g.id = ANY($1) AND g.village_id = (SELECT village_id FROM household WHERE id = $2) AND g.active
             ORDER BY b.id
               FOR UPDATE OF b""";

    static final String WRITE = """
            WITH r AS (INSERT INTO redemption (village_id, household_id, idempotency_key, card_version, total_points,
                                               available_after, month, actor)
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id),
                 i AS (INSERT INTO redemption_item (redemption_id, goods_id, quantity, points_price)
                       SELECT r.id, x.g, x.q, x.p FROM r, unnest($9::bigint[], $10::int[], $11::int[]) AS x(g, q, p)),
                 k AS (INSERT INTO redemption_pick (redemption_id, batch_id, quantity)
                       SELECT r.id, x.b, x.q FROM r, unnest($12::bigint[], $13::int[]) AS x(b, q)),
                 u AS (UPDATE batch SET remaining = batch.remaining - x.q
                         FROM unnest($12::bigint[], $13::int[]) AS x(b, q)
                        WHERE batch.id = x.b AND batch.remaining >= x.q RETURNING batch.id),
                 p AS (INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, actor,
                                            seq, prev_hash, hash)
                       SELECT $2, $1, 'REDEEM', -$5::int, $7, 'REDEMPTION', r.id, $8, 0, '', '' FROM r RETURNING id),
                 a AS (INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, after)
                       SELECT $14, $1, $8, 'redeem', 'redemption', r.id::text,
                              jsonb_build_object('householdId', $2::bigint, 'totalPoints', $5::int) FROM r)
            SELECT r.id, jifen_require((SELECT count(*) FROM u) = $15 AND (SELECT count(*) FROM p) = 1,
                                       'shop.insufficient-stock') AS ok FROM r""";

    @Inject
    Pool pool;

    @Inject
    CardKeys keys;

    @Inject
    ChinaTime time;

    public Uni<Result> redeem(StaffPrincipal clerk, String qrText, List<Item> rawItems, String idempotencyKey) {
        Map<Long, Integer> items = new TreeMap<>();
        for (Item item : rawItems) {
            items.merge(item.goodsId(), item.quantity(), Integer::sum);
        }
        LocalDate today = time.today();
        String month = time.thisMonth().toString();
        return keys.codec().flatMap(codec -> {
            CardToken.Parsed card = codec.verify(CardToken.tokenOf(qrText)).orElseThrow(CardService::invalid);
            return pool.withConnection(conn -> redeemIn(conn, clerk, card, items, idempotencyKey, today, month)
                            // whatever failed, the connection goes back to the pool outside any transaction
                            .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull()))
                    .onFailure(RedemptionService::duplicateKey)
                    .recoverWithUni(() -> replay(idempotencyKey));
        });
    }

    /**
     * BEGIN, the account lock and the batch lock go out together (pipelined: one round trip), then the write and
     * COMMIT together (a failed write turns the COMMIT into a rollback). Refusals in Java roll back explicitly.
     */
    Uni<Result> redeemIn(SqlConnection conn, StaffPrincipal clerk, CardToken.Parsed card, Map<Long, Integer> items,
                         String key, LocalDate today, String month) {
        Tuple lockArgs = Tuple.of(card.householdId(), today, key);
        Tuple batchArgs = Tuple.of(items.keySet().toArray(Long[]::new), card.householdId(), today);
        Uni<Locked> locked = Uni.combine().all().unis(conn.query("BEGIN").execute(), conn.preparedQuery(LOCK).execute(lockArgs),
                        conn.preparedQuery(BATCHES).execute(batchArgs)).asTuple()
                .flatMap(t -> t.getItem2().iterator().hasNext() ? Uni.createFrom().item(new Locked(t.getItem2(), t.getItem3()))
                        // a household without an account row yet (never had a posting): open it, then lock again
                        : openAccount(conn, card.householdId())
                        .flatMap(x -> Uni.combine().all().unis(conn.preparedQuery(LOCK).execute(lockArgs),
                                conn.preparedQuery(BATCHES).execute(batchArgs)).asTuple())
                        .map(t2 -> new Locked(t2.getItem1(), t2.getItem2())));
        return locked.flatMap(l -> decide(conn, clerk, card, items, key, today, month, l));
    }

    record Locked(RowSet<Row> context, RowSet<Row> batches) {
    }

    private Uni<Result> decide(SqlConnection conn, StaffPrincipal clerk, CardToken.Parsed card, Map<Long, Integer> items,
                               String key, LocalDate today, String month, Locked locked) {
        if (!locked.context().iterator().hasNext()) {
            throw CardService.invalid();
        }
        Row ctx = locked.context().iterator().next();
        long villageId = ctx.getLong("village_id");
        if (!VillageScope.allows(clerk, villageId, ctx.getLong("town_id"))) {
            throw DomainException.forbidden();
        }
        if (ctx.getInteger("card_version") != card.version() || !"ACTIVE".equals(ctx.getString("status"))) {
            throw CardService.revoked();
        }
        if (ctx.getLong("r_id") != null) {
            Result earlier = new Result(new Answer(ctx.getLong("r_id"), ctx.getLong("r_household"),
                    ctx.getInteger("r_total"), ctx.getInteger("r_after")), false);
            return conn.query("ROLLBACK").execute().replaceWith(earlier);
        }
        if (ctx.getBoolean("closed_today")) {
            throw new DomainException(409, "shop.not-redemption-day", "今天不是本村兑换日", "本村只在兑换日兑换积分，请在兑换日再来");
        }
        return write(conn, clerk, card, ctx, items, locked.batches(), ctx.getInteger("available"), key, today, month);
    }

    private Uni<Result> write(SqlConnection conn, StaffPrincipal clerk, CardToken.Parsed card, Row ctx, Map<Long, Integer> items,
                              RowSet<Row> batchRows, int available, String key, LocalDate today, String month) {
        long villageId = ctx.getLong("village_id");
        Map<Long, Integer> prices = new HashMap<>();
        Map<Long, List<FifoPicker.Batch>> byGoods = new HashMap<>();
        for (Row b : batchRows) {
            long g = b.getLong("goods_id");
            prices.put(g, b.getInteger("points_price"));
            byGoods.computeIfAbsent(g, x -> new ArrayList<>())
                    .add(new FifoPicker.Batch(b.getLong("batch_id"), b.getInteger("remaining"), b.getLocalDate("expires_on")));
        }
        if (!prices.keySet().containsAll(items.keySet())) {
            return explainMissing(conn, villageId, items);
        }
        int total = 0;
        for (var e : items.entrySet()) {
            total = Math.addExact(total, Math.multiplyExact(prices.get(e.getKey()), e.getValue()));
        }
        if (total > available) {
            throw insufficientPoints(available, total);
        }
        List<Long> batchIds = new ArrayList<>();
        List<Integer> batchQty = new ArrayList<>();
        for (var e : items.entrySet()) {
            var picks = FifoPicker.pick(byGoods.get(e.getKey()), e.getValue(), today).orElseThrow(RedemptionService::insufficientStock);
            for (var p : picks) {
                batchIds.add(p.batchId());
                batchQty.add(p.quantity());
            }
        }
        int totalPoints = total;
        Long[] goodsIds = items.keySet().toArray(Long[]::new);
        Integer[] quantities = items.values().toArray(Integer[]::new);
        Integer[] goodsPrices = items.keySet().stream().map(prices::get).toArray(Integer[]::new);
        Tuple args = Tuple.tuple(List.of(villageId, card.householdId(), key, card.version(), totalPoints,
                available - totalPoints, month, clerk.username(), goodsIds, quantities, goodsPrices,
                batchIds.toArray(Long[]::new), batchQty.toArray(Integer[]::new), ctx.getLong("town_id"), (long) batchIds.size()));
        return Uni.combine().all().unis(conn.preparedQuery(WRITE).execute(args), conn.query("COMMIT").execute()).asTuple()
                .map(t -> new Result(new Answer(t.getItem1().iterator().next().getLong("id"), card.householdId(), totalPoints,
                        available - totalPoints), true));
    }

    /** Goods that are not sellable here: unknown or of another village (400), or simply out of stock (409). */
    private Uni<Result> explainMissing(SqlConnection conn, long villageId, Map<Long, Integer> items) {
        return conn.preparedQuery("SELECT count(*) FROM goods WHERE id = ANY($1) AND village_id = $2 AND active")
                .execute(Tuple.of(items.keySet().toArray(Long[]::new), villageId))
                .map(rows -> {
                    if (rows.iterator().next().getLong(0) < items.size()) {
                        throw new DomainException(400, "shop.unknown-goods", "商品不存在", "所选商品不是本村超市的在售商品",
                                List.of("items"));
                    }
                    throw insufficientStock();
                });
    }

    private Uni<Integer> openAccount(SqlConnection conn, long householdId) {
        return conn.preparedQuery("""
                        INSERT INTO account (household_id, village_id) SELECT id, village_id FROM household WHERE id = $1
                        ON CONFLICT (household_id) DO NOTHING""").execute(Tuple.of(householdId))
                .map(RowSet::rowCount);
    }

    Uni<Result> replay(String key) {
        return pool.preparedQuery("SELECT id, household_id, total_points, available_after FROM redemption WHERE idempotency_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Result(new Answer(r.getLong("id"), r.getLong("household_id"), r.getInteger("total_points"),
                            r.getInteger("available_after")), false);
                });
    }

    static boolean duplicateKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg && "23505".equals(pg.getSqlState())
                    && String.valueOf(pg.getErrorMessage()).contains("redemption_idempotency_key_unique")) {
                return true;
            }
        }
        return false;
    }

    static DomainException insufficientPoints(int available, int total) {
        return new DomainException(409, "shop.insufficient-points", "可用积分不足",
                "本次兑换需要 " + total + " 积分，可用积分只有 " + available);
    }

    static DomainException insufficientStock() {
        return new DomainException(409, "shop.insufficient-stock", "库存不足", "所选商品库存不足（过期批次不可兑换）");
    }

    /** Reverses a redemption: REFUND posting in the current month, stock back to the batches it came from. */
    public Uni<Reversal> reverse(StaffPrincipal actor, long redemptionId, String reason) {
        String month = time.thisMonth().toString();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        SELECT r.household_id, r.village_id, r.total_points, v.town_id
                          FROM redemption r JOIN village v ON v.id = r.village_id WHERE r.id = $1""")
                .execute(Tuple.of(redemptionId))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw DomainException.notFound("该兑换记录");
                    }
                    Row r = rows.iterator().next();
                    long householdId = r.getLong("household_id");
                    long villageId = r.getLong("village_id");
                    int total = r.getInteger("total_points");
                    return conn.preparedQuery("SELECT available FROM account WHERE household_id = $1 FOR UPDATE")
                            .execute(Tuple.of(householdId))
                            .flatMap(x -> conn.preparedQuery("""
                                            UPDATE redemption SET reversed_at = now(), reversed_by = $2, reverse_reason = $3
                                             WHERE id = $1 AND reversed_at IS NULL""")
                                    .execute(Tuple.of(redemptionId, actor.username(), reason)))
                            .flatMap(updated -> {
                                if (updated.rowCount() != 1) {
                                    throw new DomainException(409, "shop.already-reversed", "该兑换已撤销", "一笔兑换只能撤销一次");
                                }
                                return conn.preparedQuery("""
                                                SELECT b.id FROM batch b JOIN redemption_pick k ON k.batch_id = b.id
                                                 WHERE k.redemption_id = $1 ORDER BY b.id FOR UPDATE OF b""")
                                        .execute(Tuple.of(redemptionId));
                            })
                            .flatMap(x -> conn.preparedQuery("""
                                            UPDATE batch SET remaining = batch.remaining + k.quantity
                                              FROM redemption_pick k WHERE k.redemption_id = $1 AND k.batch_id = batch.id""")
                                    .execute(Tuple.of(redemptionId)))
                            .flatMap(x -> conn.preparedQuery("""
                                            INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id,
                                                                 reversal_of, reason, actor, seq, prev_hash, hash)
                                            SELECT $1, $2, 'REFUND', $3, $4, 'REDEMPTION', $5,
                                                   (SELECT id FROM posting WHERE cause_type = 'REDEMPTION' AND cause_id = $5 AND type = 'REDEEM'),
                                                   $6, $7, 0, '', ''""")
                                    .execute(Tuple.tuple(List.of(householdId, villageId, total, month, redemptionId, reason, actor.username()))))
                            .flatMap(x -> CardService.audit(conn, actor.username(), r.getLong("town_id"), villageId, "reverse",
                                    "redemption", redemptionId, null, "{\"reason\":" + jsonString(reason) + "}"))
                            .flatMap(x -> conn.preparedQuery("SELECT available FROM account WHERE household_id = $1")
                                    .execute(Tuple.of(householdId)))
                            .map(acc -> new Reversal(redemptionId, householdId, total, acc.iterator().next().getInteger(0), reason));
                }));
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
