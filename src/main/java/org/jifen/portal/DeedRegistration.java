package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.EntryService;

import java.time.LocalDate;
import java.util.Map;

/**
 * An officer decides a villager's reported deed: registered as a PENDING entry of the chosen catalog item (so
 * the reviewers see it like any other, photo included), or turned down with a reason. Once only.
 */
@ApplicationScoped
public class DeedRegistration {

    @Inject
    Pool pool;

    @Inject
    EntryService entries;

    @Inject
    Audit audit;

    /** A pending report, locked until its decision commits. {@code occurredOn} defaults to the day it was reported. */
    private record Pending(long householdId, long villageId, String description, LocalDate occurredOn, byte[] photo,
                           String photoType) {
    }

    public Uni<EntryService.EntryView> register(StaffPrincipal actor, long reportId, String itemCode, int quantity) {
        return pool.withTransaction(tx -> pendingReport(tx, reportId).flatMap(r -> {
                    String note = "村民自报：" + r.description();
                    return entries.register(tx, actor, r.villageId(), r.householdId(), itemCode, quantity, r.occurredOn(),
                                    note.length() > 500 ? note.substring(0, 500) : note)
                            .call(entry -> r.photo() == null || !("image/jpeg".equals(r.photoType()) || "image/png".equals(r.photoType()))
                                    ? Uni.createFrom().voidItem()
                                    : entries.addPhoto(tx, actor, entry.id(), r.photoType(), r.photo(), Integer.MAX_VALUE).replaceWithVoid())
                            .call(entry -> decide(tx, reportId, "ACCEPTED", entry.id(), actor, null))
                            .call(entry -> audit.record(tx, actor, r.villageId(), "register", "deed_report", reportId, null,
                                    Map.of("entryId", entry.id(), "itemCode", itemCode, "quantity", quantity)));
                }))
                .flatMap(entry -> entries.find(entry.id()));
    }

    public Uni<Void> reject(StaffPrincipal actor, long reportId, String reason) {
        return pool.withTransaction(tx -> pendingReport(tx, reportId)
                .call(r -> decide(tx, reportId, "REJECTED", null, actor, reason))
                .call(r -> audit.record(tx, actor, r.villageId(), "reject", "deed_report", reportId, null, Map.of("reason", reason)))
                .replaceWithVoid());
    }

    private static Uni<Pending> pendingReport(SqlClient tx, long reportId) {
        return Sql.one(tx, """
                        SELECT household_id, village_id, description,
                               coalesce(occurred_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date) AS occurred_on,
                               photo, photo_type, status
                          FROM deed_report WHERE id = $1 FOR UPDATE""", Sql.args(reportId), "该好人好事报告", r -> {
                    if (!"PENDING".equals(r.getString("status"))) {
                        throw new DomainException(409, "portal.deed-report-decided", "该报告已处理过");
                    }
                    return new Pending(r.getLong("household_id"), r.getLong("village_id"), r.getString("description"),
                            r.getLocalDate("occurred_on"), r.getBuffer("photo") == null ? null : r.getBuffer("photo").getBytes(),
                            r.getString("photo_type"));
                });
    }

    private static Uni<Integer> decide(SqlClient tx, long reportId, String status, Long entryId, StaffPrincipal actor, String answer) {
        return Sql.exec(tx, """
                        UPDATE deed_report SET status = $2, entry_id = $3, decided_by = $4, decided_at = now(), answer = $5
                         WHERE id = $1""",
                Sql.args(reportId, status, entryId, actor.username(), answer));
    }
}
