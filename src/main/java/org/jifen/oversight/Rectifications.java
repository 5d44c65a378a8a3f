package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 整改 items (rectifications) of a village: opened by a spot-check mismatch or a failed shop-inspection point; answered
 * by the secretary with the correction made (the postings of the reversals / adjustments it took, if any); closed by
 * the inspector, who may instead send the answer back. OPEN → ANSWERED → CLOSED, each step a guarded update under a
 * row lock, audited. An OPEN item is never closed: a correction comes first.
 */
@ApplicationScoped
public class Rectifications {

    public record Rectification(long id, long villageId, String source, long sourceId, Long householdId, String householdNumber,
                                String status, String detail, String openedBy, String openedAt, String answer,
                                List<Long> answerPostings, String answeredBy, String answeredAt, String closedBy,
                                String closedAt, String closeNote) {
    }

    /** Per village of a town: items not yet answered ({@code open}) and answered but not closed ({@code answered}). */
    public record OpenCount(long villageId, int open, int answered) {
    }

    private static final String SELECT = """
            SELECT r.id, r.village_id, r.source, r.source_id, r.household_id, h.number AS household_number, r.status, r.detail,
                   r.opened_by, to_char(r.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS opened_at,
                   r.answer, r.answer_postings, r.answered_by,
                   to_char(r.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS answered_at, r.closed_by,
                   to_char(r.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS closed_at, r.close_note
              FROM rectification r LEFT JOIN household h ON h.id = r.household_id""";

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    public Uni<List<Rectification>> ofVillage(long villageId) {
        return Sql.list(pool, SELECT + " WHERE r.village_id = $1 ORDER BY (r.status = 'CLOSED'), r.id DESC",
                Sql.args(villageId), Rectifications::view);
    }

    public Uni<Rectification> find(long id) {
        return Sql.one(pool, SELECT + " WHERE r.id = $1", Sql.args(id), "该整改事项", Rectifications::view);
    }

    /** For the town dashboard: villages of the town with items not closed, and how many. */
    public Uni<List<OpenCount>> openCounts(long townId) {
        return Sql.list(pool, """
                        SELECT r.village_id, count(*) FILTER (WHERE r.status = 'OPEN')::int AS open,
                               count(*) FILTER (WHERE r.status = 'ANSWERED')::int AS answered
                          FROM rectification r JOIN village v ON v.id = r.village_id
                         WHERE v.town_id = $1 AND r.status <> 'CLOSED'
                         GROUP BY r.village_id ORDER BY r.village_id""", Sql.args(townId),
                r -> new OpenCount(r.getLong("village_id"), r.getInteger("open"), r.getInteger("answered")));
    }

    /** The item for a mismatching household of a spot check: the check's OPEN item for it, else a new one. */
    Uni<Long> openForSpotCheck(SqlClient tx, StaffPrincipal actor, long villageId, long spotCheckId, long householdId,
                               LocalDate from, LocalDate to, String note) {
        return Sql.first(tx, """
                        SELECT id FROM rectification WHERE source = 'SPOT_CHECK' AND source_id = $1 AND household_id = $2
                           AND status = 'OPEN' ORDER BY id DESC LIMIT 1""", Sql.args(spotCheckId, householdId), r -> r.getLong("id"))
                .flatMap(existing -> existing != null ? Uni.createFrom().item(existing)
                        : Sql.one(tx, "SELECT number, head_name FROM household WHERE id = $1", Sql.args(householdId), "该农户",
                                        r -> "户号 " + r.getString("number") + "（户主 " + r.getString("head_name") + "）")
                                .flatMap(who -> open(tx, actor, villageId, "SPOT_CHECK", spotCheckId, householdId,
                                        clip("督查抽查 #" + spotCheckId + "（" + from + " 至 " + to + "）：" + who + " 的台账与实际不符"
                                                + (note == null ? "" : "。" + note)))));
    }

    Uni<Long> open(SqlClient tx, StaffPrincipal actor, long villageId, String source, long sourceId, Long householdId, String detail) {
        return Sql.one(tx, """
                        INSERT INTO rectification (village_id, source, source_id, household_id, detail, opened_by)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                Sql.args(villageId, source, sourceId, householdId, detail, actor.username()), "", r -> r.getLong("id"))
                .call(id -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("source", source);
                    after.put("sourceId", sourceId);
                    after.put("householdId", householdId);
                    after.put("detail", detail);
                    after.put("status", "OPEN");
                    return audit.record(tx, actor, villageId, "open", "rectification", id, null, after);
                });
    }

    /**
     * The secretary's answer: what was corrected, naming the postings of the reversals / adjustments made for it (each
     * of the village, a reversal or an adjustment, made after the item was opened). Only an OPEN item is answered.
     */
    public Uni<Rectification> answer(StaffPrincipal actor, long id, String answer, List<Long> postingIds) {
        Long[] postings = postingIds.stream().distinct().sorted().toArray(Long[]::new);
        return pool.withTransaction(tx -> lock(tx, id).flatMap(r -> {
            if (!r.status().equals("OPEN")) {
                return Uni.createFrom().failure(DomainException.conflict("rectification.not-open",
                        r.status().equals("CLOSED") ? "该整改事项已关闭" : "该整改事项已答复，等待督查人员审核"));
            }
            return Sql.one(tx, """
                            SELECT count(*)::int AS n FROM posting p, rectification r
                             WHERE r.id = $3 AND p.id = ANY($1) AND p.village_id = $2 AND p.created_at >= r.opened_at
                               AND (p.reversal_of IS NOT NULL OR p.type = 'ADJUST')""",
                    Sql.args(postings, r.villageId(), id), "", x -> x.getInteger("n")).flatMap(n -> {
                if (n != postings.length) {
                    return Uni.createFrom().failure(DomainException.badRequest("rectification.bad-postings",
                            "所列积分流水须是本村在整改事项提出后所做的冲正或调整", List.of("postingIds")));
                }
                return Sql.exec(tx, """
                                UPDATE rectification SET status = 'ANSWERED', answer = $2, answer_postings = $3, answered_by = $4,
                                       answered_at = now() WHERE id = $1 AND status = 'OPEN'""",
                                Sql.args(id, answer, postings, actor.username()))
                        .call(x -> audit.record(tx, actor, r.villageId(), "answer", "rectification", id,
                                Map.of("status", "OPEN"), Map.of("status", "ANSWERED", "answer", answer, "postingIds", List.of(postings))));
            });
        })).flatMap(x -> find(id));
    }

    /** The inspector accepts the correction. An OPEN item (no correction yet) is refused. */
    public Uni<Rectification> close(StaffPrincipal actor, long id, String note) {
        return pool.withTransaction(tx -> lock(tx, id).flatMap(r -> switch (r.status()) {
            case "OPEN" -> Uni.createFrom().failure(DomainException.conflict("rectification.not-answered",
                    "该整改事项尚未答复整改情况，不能关闭"));
            case "CLOSED" -> Uni.createFrom().failure(DomainException.conflict("rectification.closed", "该整改事项已关闭"));
            default -> Sql.exec(tx, """
                            UPDATE rectification SET status = 'CLOSED', closed_by = $2, closed_at = now(), close_note = $3
                             WHERE id = $1 AND status = 'ANSWERED'""", Sql.args(id, actor.username(), note))
                    .call(x -> audit.record(tx, actor, r.villageId(), "close", "rectification", id, Map.of("status", "ANSWERED"),
                            note == null ? Map.of("status", "CLOSED") : Map.of("status", "CLOSED", "note", note)));
        })).flatMap(x -> find(id));
    }

    /** The inspector finds the answer insufficient: the item is OPEN again (the earlier answer stays in the audit trail). */
    public Uni<Rectification> sendBack(StaffPrincipal actor, long id, String note) {
        return pool.withTransaction(tx -> lock(tx, id).flatMap(r -> {
            if (!r.status().equals("ANSWERED")) {
                return Uni.createFrom().failure(DomainException.conflict("rectification.not-answered", "只有已答复的整改事项可以退回"));
            }
            return Sql.exec(tx, "UPDATE rectification SET status = 'OPEN', close_note = $2 WHERE id = $1 AND status = 'ANSWERED'",
                            Sql.args(id, note))
                    .call(x -> audit.record(tx, actor, r.villageId(), "send-back", "rectification", id,
                            Map.of("status", "ANSWERED", "answer", r.answer()), Map.of("status", "OPEN", "note", note)));
        })).flatMap(x -> find(id));
    }

    private Uni<Rectification> lock(SqlClient tx, long id) {
        return Sql.one(tx, SELECT + " WHERE r.id = $1 FOR UPDATE OF r", Sql.args(id), "该整改事项", Rectifications::view);
    }

    static String clip(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
    }

    static Rectification view(Row r) {
        Long[] postings = r.getArrayOfLongs("answer_postings");
        return new Rectification(r.getLong("id"), r.getLong("village_id"), r.getString("source"), r.getLong("source_id"),
                r.getLong("household_id"), r.getString("household_number"), r.getString("status"), r.getString("detail"),
                r.getString("opened_by"), r.getString("opened_at"), r.getString("answer"),
                postings == null ? List.of() : Arrays.asList(postings), r.getString("answered_by"), r.getString("answered_at"),
                r.getString("closed_by"), r.getString("closed_at"), r.getString("close_note"));
    }
}
