package org.jifen.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

/**
 * The one Java writer of postings (month close bonuses, registered entries, adjustments, reversals, objection answers,
 * refunds). It inserts one row with the caller's transaction; the {@code posting} trigger ({@code R__ledger.sql}) does
 * the rest: hash chain, account balance and earned points, refusal of closed months and of spending below zero.
 * The other writer is set-based and lives in SQL: {@code shop_redeem} / {@code shop_redeem_batch} ({@code R__shop.sql})
 * insert a redemption's REDEEM posting through the same trigger.
 */
public final class Postings {

    /** A posting as the API shows it. {@code balance} is the household's available points after it. */
    public record PostingView(long id, long householdId, String type, int points, String month, String createdAt,
                              Long reversalOf, String causeType, Long causeId, String reason, String actor, Integer balance) {
    }

    /**
     * A posting to write. {@code causeType}/{@code causeId} name what caused it (an entry, a month close, an objection,
     * a redemption); {@code reversalOf} the posting it reverses, if any.
     */
    public record NewPosting(long householdId, long villageId, String type, int points, String month, String causeType,
                             Long causeId, Long reversalOf, String reason, String actor) {
    }

    private Postings() {
    }

    public static Uni<PostingView> post(SqlClient tx, NewPosting p) {
        return Sql.first(tx, """
                        INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reversal_of,
                                             reason, actor, seq, prev_hash, hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, '', '')
                        RETURNING id, to_json(created_at) #>> '{}' AS created_at""",
                Sql.args(p.householdId(), p.villageId(), p.type(), p.points(), p.month(), p.causeType(), p.causeId(),
                        p.reversalOf(), p.reason(), p.actor()),
                r -> new PostingView(r.getLong("id"), p.householdId(), p.type(), p.points(), p.month(), r.getString("created_at"),
                        p.reversalOf(), p.causeType(), p.causeId(), p.reason(), p.actor(), null));
    }
}
