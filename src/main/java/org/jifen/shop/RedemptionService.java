package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.AuditSql;
import org.jifen.card.CardKeys;
import org.jifen.card.CardService;
import org.jifen.card.CardToken;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redemption, the hot path of redemption day: one call of the database function {@code shop_redeem} (migrations V60,
 * V91), one round trip and one implicit transaction, or a share of one {@code shop_redeem_batch} when the shop is
 * busy ({@link RedemptionQueue}). It locks the household's account, checks card, scope, policy, goods,
 * points and stock, takes stock from batches earliest expiry first and writes the redemption, its items and picks,
 * the REDEEM posting and the audit row; a refusal comes back as an outcome with nothing written. Two requests with
 * one key: the second gets the first answer, whether it comes later (the function finds it with the account lock,
 * or before refusing) or races it (the unique key refuses the insert and the first answer is read).
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

    public record Reversal(long id, long householdId, long villageId, int refundedPoints, int availableAfter, String reason) {
    }

    @Inject
    Pool pool;

    @Inject
    CardKeys keys;

    @Inject
    RedemptionQueue queue;

    @Inject
    ChinaTime time;

    public Uni<Result> redeem(StaffPrincipal clerk, String qrText, List<Item> rawItems, String idempotencyKey) {
        Map<Long, Integer> items = new TreeMap<>();
        for (Item item : rawItems) {
            items.merge(item.goodsId(), item.quantity(), Integer::sum);
        }
        Long scopeTown = clerk.townScoped() ? clerk.townId() : null;
        Long scopeVillage = clerk.townScoped() ? null : clerk.villageId();
        Long[] goods = items.keySet().toArray(Long[]::new);
        Integer[] quantities = items.values().toArray(Integer[]::new);
        return keys.codec().flatMap(codec -> {
            CardToken.Parsed card = codec.verify(CardToken.tokenOf(qrText)).orElseThrow(CardService::invalid);
            return queue.redeem(new RedemptionQueue.Request(card.householdId(), card.version(), idempotencyKey, goods,
                            quantities, clerk.username(), scopeTown, scopeVillage))
                    .map(RedemptionService::outcome)
                    .onFailure(RedemptionService::duplicateKey).recoverWithUni(() -> replay(idempotencyKey));
        });
    }

    static Result outcome(Row r) {
        String outcome = r.getString("outcome");
        return switch (outcome) {
            case "created", "replayed" -> new Result(new Answer(r.getLong("redemption_id"), r.getLong("household_id"),
                    r.getInteger("total_points"), r.getInteger("available")), outcome.equals("created"));
            case "card.invalid" -> throw CardService.invalid();
            case "card.revoked" -> throw CardService.revoked();
            case "auth.forbidden" -> throw DomainException.forbidden();
            case "shop.not-redemption-day" ->
                    throw new DomainException(409, outcome, "今天不是本村兑换日", "本村只在兑换日兑换积分，请在兑换日再来");
            case "shop.unknown-goods" ->
                    throw new DomainException(400, outcome, "商品不存在", "所选商品不是本村超市的在售商品", List.of("items"));
            case "shop.insufficient-points" -> throw insufficientPoints(r.getInteger("available"), r.getInteger("total_points"));
            case "shop.insufficient-stock" -> throw insufficientStock();
            default -> throw new IllegalStateException("shop_redeem answered " + outcome);
        };
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
                                                   (SELECT id FROM posting WHERE household_id = $1 AND cause_type = 'REDEMPTION' AND cause_id = $5 AND type = 'REDEEM'),
                                                   $6, $7, 0, '', ''""")
                                    .execute(Tuple.tuple(List.of(householdId, villageId, total, month, redemptionId, reason, actor.username()))))
                            .flatMap(x -> AuditSql.write(conn, actor.username(), r.getLong("town_id"), villageId, "reverse",
                                    "redemption", redemptionId, null, new JsonObject().put("reason", reason)))
                            .flatMap(x -> conn.preparedQuery("SELECT available FROM account WHERE household_id = $1")
                                    .execute(Tuple.of(householdId)))
                            .map(acc -> new Reversal(redemptionId, householdId, villageId, total, acc.iterator().next().getInteger(0), reason));
                }));
    }
}
