package org.jifen.portal;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.points.EntryService;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * An officer decides a villager's reported deed: registered as a PENDING entry of the chosen catalog item (so
 * the reviewers see it like any other, photo included), or turned down with a reason. Once only.
 */
@ApplicationScoped
public class DeedRegistration {

    @Inject
    EntryService entries;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @WithTransaction
    public Uni<EntryService.EntryView> register(StaffPrincipal actor, long reportId, String itemCode, int quantity) {
        return pendingReport(reportId).flatMap(r -> {
            long householdId = ((Number) r[0]).longValue();
            long villageId = ((Number) r[1]).longValue();
            LocalDate occurredOn = r[3] != null ? (LocalDate) r[3]
                    : ((OffsetDateTime) r[6]).atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
            String note = "村民自报：" + r[2];
            return entries.register(actor, villageId, householdId, itemCode, quantity, occurredOn,
                            note.length() > 500 ? note.substring(0, 500) : note)
                    .call(entry -> r[4] == null || !("image/jpeg".equals(r[5]) || "image/png".equals(r[5]))
                            ? Uni.createFrom().voidItem()
                            : entries.addPhoto(actor, entry.id(), (String) r[5], (byte[]) r[4], Integer.MAX_VALUE).replaceWithVoid())
                    .call(entry -> decide(reportId, "ACCEPTED", entry.id(), actor, null))
                    .call(entry -> audit.record(actor.username(), actor.townId(), villageId, "register", "deed_report", reportId,
                            null, Map.of("entryId", entry.id(), "itemCode", itemCode, "quantity", quantity)))
                    .flatMap(entry -> entries.find(entry.id()));
        });
    }

    @WithTransaction
    public Uni<Void> reject(StaffPrincipal actor, long reportId, String reason) {
        return pendingReport(reportId)
                .call(r -> decide(reportId, "REJECTED", null, actor, reason))
                .call(r -> audit.record(actor.username(), actor.townId(), ((Number) r[1]).longValue(), "reject", "deed_report",
                        reportId, null, Map.of("reason", reason)))
                .replaceWithVoid();
    }

    private Uni<Object[]> pendingReport(long reportId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        SELECT household_id, village_id, description, occurred_on, photo, photo_type, created_at, status
                          FROM deed_report WHERE id = ?1 FOR UPDATE""", Object[].class)
                .setParameter(1, reportId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw DomainException.notFound("该好人好事报告");
                    }
                    Object[] r = rows.get(0);
                    if (!"PENDING".equals(r[7])) {
                        throw new DomainException(409, "portal.deed-report-decided", "该报告已处理过");
                    }
                    if (r[6] instanceof java.time.Instant i) {
                        r[6] = i.atOffset(ZoneOffset.UTC);
                    }
                    return r;
                });
    }

    private Uni<Integer> decide(long reportId, String status, Long entryId, StaffPrincipal actor, String answer) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        UPDATE deed_report SET status = ?2, entry_id = ?3, decided_by = ?4, decided_at = now(), answer = ?5
                         WHERE id = ?1""")
                .setParameter(1, reportId).setParameter(2, status).setParameter(3, entryId)
                .setParameter(4, actor.username()).setParameter(5, answer).executeUpdate());
    }
}
