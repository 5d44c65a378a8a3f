package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.card.CardKeys;
import org.jifen.card.CardService;
import org.jifen.card.CardToken;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.Postings;

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

    @Inject
    Audit audit;

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
        return Sql.first(pool, "SELECT id, household_id, total_points, available_after FROM redemption WHERE idempotency_key = $1",
                Sql.args(key), r -> new Result(new Answer(r.getLong("id"), r.getLong("household_id"), r.getInteger("total_points"),
                        r.getInteger("available_after")), false))
                .onItem().ifNull().failWith(() -> new IllegalStateException("no redemption with key " + key));
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

    /** The redemption to reverse, with the REDEEM posting its REFUND reverses. */
    private record Reversible(long householdId, long villageId, long townId, int totalPoints, Long redeemPostingId) {
    }

    /** Reverses a redemption: REFUND posting in the current month, stock back to the batches it came from. */
    public Uni<Reversal> reverse(StaffPrincipal actor, long redemptionId, String reason) {
        String month = time.thisMonth().toString();
        return pool.withTransaction(tx -> Sql.one(tx, """
                        SELECT r.household_id, r.village_id, r.total_points, v.town_id,
                               (SELECT p.id FROM posting p WHERE p.household_id = r.household_id AND p.cause_type = 'REDEMPTION'
                                   AND p.cause_id = r.id AND p.type = 'REDEEM') AS redeem_posting_id
                          FROM redemption r JOIN village v ON v.id = r.village_id WHERE r.id = $1""",
                Sql.args(redemptionId), "该兑换记录", row -> new Reversible(row.getLong("household_id"), row.getLong("village_id"),
                        row.getLong("town_id"), row.getInteger("total_points"), row.getLong("redeem_posting_id")))
                .flatMap(r -> Sql.exec(tx, "SELECT available FROM account WHERE household_id = $1 FOR UPDATE", Sql.args(r.householdId()))
                        .flatMap(x -> Sql.exec(tx, """
                                        UPDATE redemption SET reversed_at = now(), reversed_by = $2, reverse_reason = $3
                                         WHERE id = $1 AND reversed_at IS NULL""",
                                Sql.args(redemptionId, actor.username(), reason)))
                        .flatMap(updated -> {
                            if (updated != 1) {
                                throw new DomainException(409, "shop.already-reversed", "该兑换已撤销", "一笔兑换只能撤销一次");
                            }
                            return Sql.exec(tx, """
                                            SELECT b.id FROM batch b JOIN redemption_pick k ON k.batch_id = b.id
                                             WHERE k.redemption_id = $1 ORDER BY b.id FOR UPDATE OF b""",
                                    Sql.args(redemptionId));
                        })
                        .flatMap(x -> Sql.exec(tx, """
                                        UPDATE batch SET remaining = batch.remaining + k.quantity
                                          FROM redemption_pick k WHERE k.redemption_id = $1 AND k.batch_id = batch.id""",
                                Sql.args(redemptionId)))
                        .flatMap(x -> Postings.post(tx, new Postings.NewPosting(r.householdId(), r.villageId(), "REFUND",
                                r.totalPoints(), month, "REDEMPTION", redemptionId, r.redeemPostingId(), reason, actor.username())))
                        .flatMap(x -> audit.record(tx, actor.username(), r.townId(), r.villageId(), "reverse", "redemption",
                                redemptionId, null, Map.of("reason", reason)))
                        .flatMap(x -> Sql.first(tx, "SELECT available FROM account WHERE household_id = $1",
                                Sql.args(r.householdId()), a -> a.getInteger("available")))
                        .map(available -> new Reversal(redemptionId, r.householdId(), r.villageId(), r.totalPoints(), available, reason))));
    }
}
