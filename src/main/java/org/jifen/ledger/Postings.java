package org.jifen.ledger;

import io.smallrye.mutiny.Uni;

import static org.jifen.points.PointsSql.*;

/**
 * Writes one posting inside the current transaction. The database trigger does the rest (hash chain,
 * account, earned points, refusal of closed months and of spending below zero).
 */
public final class Postings {

    /** A posting as the API shows it. {@code balance} is the household's available points after it. */
    public record PostingView(long id, long householdId, String type, int points, String month, String createdAt,
                              Long reversalOf, String causeType, Long causeId, String reason, String actor, Integer balance) {
    }

    private Postings() {
    }

    public static Uni<PostingView> post(long householdId, long villageId, String type, int points, String month,
                                        String causeType, Long causeId, Long reversalOf, String reason, String actor) {
        return one("""
                        INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id, reversal_of,
                                             reason, actor, seq, prev_hash, hash)
                        VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS text), CAST(?7 AS bigint), CAST(?8 AS bigint), CAST(?9 AS text), ?10, 0, '', '')
                        RETURNING id, to_json(created_at) #>> '{}'""",
                householdId, villageId, type, points, month, causeType, causeId, reversalOf, reason, actor)
                .map(r -> new PostingView(lng(r[0]), householdId, type, points, month, str(r[1]), reversalOf, causeType,
                        causeId, reason, actor, null));
    }
}
