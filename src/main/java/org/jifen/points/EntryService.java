package org.jifen.points;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.LedgerService;
import org.jifen.ledger.Postings;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

/**
 * Registration (月登记) and review (核算认定) of entries. An entry keeps the points it was registered
 * with; an approved entry becomes one EARN posting in the entry's month; a rejected one posts nothing.
 */
@ApplicationScoped
public class EntryService {

    public record EntryView(long id, long villageId, long householdId, String householdNumber, String headName,
                            String itemCode, String itemTitle, int unitPoints, int quantity, int points, String occurredOn,
                            String month, String note, String status, int approvals, int approvalsNeeded,
                            boolean photoRequired, int photos, String recordedBy, String createdAt) {
    }

    public record ReviewResult(long id, String status, int approvals, int approvalsNeeded, Long postingId) {
    }

    public record PhotoView(long id, long entryId, String contentType, int size, String sha256) {
    }

    public record Photo(String contentType, byte[] data, String sha256) {
    }

    private static final String SELECT_ENTRY = """
            SELECT e.id, e.village_id, e.household_id, h.number, h.head_name, e.item_code, e.item_title, e.unit_points,
                   e.quantity, e.points, CAST(e.occurred_on AS text), e.month, e.note, e.status, e.approvals, e.approvals_needed,
                   e.photo_required, (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id), e.recorded_by,
                   to_json(e.created_at) #>> '{}'
            FROM entry e JOIN household h ON h.id = e.household_id""";

    @Inject
    org.jifen.audit.Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    CatalogService catalog;

    @Inject
    PointsSettingsService settings;

    @WithTransaction
    public Uni<EntryView> register(StaffPrincipal actor, long villageId, long householdId, String itemCode, int quantity,
                                   LocalDate occurredOn, String note) {
        if (occurredOn.isAfter(time.today())) {
            return Uni.createFrom().failure(DomainException.badRequest("points.future-date", "发生日期不能晚于今天", List.of("occurredOn")));
        }
        String month = occurredOn.toString().substring(0, 7);
        return one("SELECT village_id, status FROM household WHERE id = ?1", householdId).flatMap(h -> {
            if (h == null || lng(h[0]) != villageId) {
                return Uni.createFrom().failure(DomainException.badRequest("points.unknown-household", "本村没有该农户", List.of("householdId")));
            }
            return catalog.findIn(villageId, itemCode);
        }).flatMap(item -> {
            if (item == null || !item.enabled()) {
                return Uni.createFrom().failure(DomainException.badRequest("points.unknown-item", "本村积分细则中没有该项目", List.of("itemCode")));
            }
            if (!item.validOn(occurredOn)) {
                return Uni.createFrom().failure(DomainException.badRequest("points.item-not-valid", "该项目在发生日期不适用", List.of("occurredOn")));
            }
            return lockMonth(villageId, month, false)
                    .flatMap(x -> monthClosed(villageId, month))
                    .flatMap(closed -> closed ? Uni.createFrom().failure(LedgerService.monthClosedProblem(month))
                            : checkCap(householdId, item, month, quantity))
                    .flatMap(x -> settings.villageIn(villageId))
                    .flatMap(vs -> one("""
                                    INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity,
                                                       points, occurred_on, month, note, photo_required, approvals_needed,
                                                       recorded_by, recorded_by_id)
                                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS date), ?10, CAST(?11 AS text), ?12, ?13, ?14, ?15)
                                    RETURNING id""",
                            villageId, householdId, item.id(), item.code(), item.title(), item.points(), quantity,
                            item.points() * quantity, occurredOn, month, note, item.photoRequired(),
                            vs.twoApprovals() ? 2 : 1, actor.username(), actor.staffId()))
                    .flatMap(r -> get(lng(r[0])))
                    .call(e -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("householdId", householdId);
                        after.put("itemCode", item.code());
                        after.put("quantity", quantity);
                        after.put("points", e.points());
                        after.put("occurredOn", occurredOn.toString());
                        after.put("note", note);
                        return audit.record(actor.username(), actor.townId(), villageId, "register", "entry", e.id(), null, after);
                    });
        });
    }

    private Uni<Void> checkCap(long householdId, CatalogService.Item item, String month, int quantity) {
        if (item.monthlyCap() == null) {
            return Uni.createFrom().voidItem();
        }
        // one registration per household at a time while a cap is counted
        return rows("SELECT id FROM household WHERE id = ?1 FOR NO KEY UPDATE", householdId)
                .flatMap(x -> one("""
                        SELECT coalesce(sum(quantity), 0) FROM entry
                        WHERE household_id = ?1 AND item_id = ?2 AND month = ?3 AND status <> 'REJECTED'""", householdId, item.id(), month))
                .map(r -> {
                    int used = integer(r[0]);
                    if (used + quantity > item.monthlyCap()) {
                        throw new DomainException(409, "points.monthly-cap", "超过该项目每户每月上限",
                                "该项目每户每月最多 " + item.monthlyCap() + item.unit() + "，本月已登记 " + used, List.of("quantity"));
                    }
                    return null;
                });
    }

    @WithTransaction
    public Uni<ReviewResult> review(StaffPrincipal actor, long entryId, boolean approve, String note) {
        return one("SELECT village_id, month FROM entry WHERE id = ?1", entryId).flatMap(e0 -> {
            if (e0 == null) {
                return Uni.createFrom().failure(DomainException.notFound("该登记"));
            }
            long villageId = lng(e0[0]);
            String month = str(e0[1]);
            return lockMonth(villageId, month, false)
                    .flatMap(x -> one("""
                            SELECT e.household_id, e.points, e.status, e.approvals, e.recorded_by_id, e.photo_required,
                                   (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id),
                                   EXISTS (SELECT 1 FROM entry_review r WHERE r.entry_id = e.id AND r.reviewer_id = ?2)
                            FROM entry e WHERE e.id = ?1 FOR UPDATE OF e""", entryId, actor.staffId()))
                    .flatMap(e -> monthClosed(villageId, month).flatMap(closed -> {
                        if (closed) {
                            return Uni.createFrom().failure(LedgerService.monthClosedProblem(month));
                        }
                        if (lng(e[4]) == actor.staffId()) {
                            return Uni.createFrom().failure(new DomainException(403, "points.self-review", "不能审核自己登记的积分",
                                    "登记人不能审核自己登记的积分，请由评议组其他成员审核"));
                        }
                        if (!"PENDING".equals(str(e[2]))) {
                            return Uni.createFrom().failure(DomainException.conflict("points.already-decided", "该登记已审核完毕"));
                        }
                        if (bool(e[7])) {
                            return Uni.createFrom().failure(DomainException.conflict("points.already-reviewed", "您已审核过该登记，需由另一名评议人员审核"));
                        }
                        if (approve && bool(e[5]) && integer(e[6]) == 0) {
                            return Uni.createFrom().failure(DomainException.conflict("points.photo-required", "该项目须上传照片佐证后才能通过"));
                        }
                        return settings.villageIn(villageId).flatMap(vs -> decide(actor, entryId, villageId, month, lng(e[0]),
                                integer(e[1]), integer(e[3]), vs.twoApprovals() ? 2 : 1, approve, note));
                    }));
        });
    }

    private Uni<ReviewResult> decide(StaffPrincipal actor, long entryId, long villageId, String month, long householdId,
                                     int points, int approvals, int needed, boolean approve, String note) {
        Uni<Integer> reviewRow = exec("""
                INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision, note) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text))""",
                entryId, actor.username(), actor.staffId(), approve ? "APPROVE" : "REJECT", note);
        Uni<ReviewResult> result;
        if (!approve) {
            result = reviewRow.flatMap(x -> exec("UPDATE entry SET status = 'REJECTED', decided_at = now() WHERE id = ?1", entryId))
                    .replaceWith(new ReviewResult(entryId, "REJECTED", approvals, needed, null));
        } else if (approvals + 1 < needed) {
            result = reviewRow.flatMap(x -> exec("UPDATE entry SET approvals = approvals + 1, approvals_needed = ?2 WHERE id = ?1",
                            entryId, needed))
                    .replaceWith(new ReviewResult(entryId, "PENDING", approvals + 1, needed, null));
        } else {
            result = reviewRow.flatMap(x -> exec("""
                            UPDATE entry SET approvals = approvals + 1, approvals_needed = ?2, status = 'APPROVED', decided_at = now()
                            WHERE id = ?1""", entryId, needed))
                    .flatMap(x -> Postings.post(householdId, villageId, "EARN", points, month, "entry", entryId, null, null,
                            actor.username()))
                    .map(p -> new ReviewResult(entryId, "APPROVED", approvals + 1, needed, p.id()));
        }
        return result.call(r -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("decision", approve ? "APPROVE" : "REJECT");
            after.put("status", r.status());
            after.put("note", note);
            after.put("postingId", r.postingId());
            return audit.record(actor.username(), actor.townId(), villageId, "review", "entry", entryId, Map.of("status", "PENDING"), after);
        });
    }

    @WithSession
    public Uni<EntryView> find(long entryId) {
        return get(entryId);
    }

    Uni<EntryView> get(long entryId) {
        return one(SELECT_ENTRY + " WHERE e.id = ?1", entryId).map(r -> {
            if (r == null) {
                throw DomainException.notFound("该登记");
            }
            return view(r);
        });
    }

    @WithSession
    public Uni<List<EntryView>> list(long villageId, String month, String status) {
        return rows(SELECT_ENTRY + " " + """
                         WHERE e.village_id = ?1 AND (CAST(?2 AS text) IS NULL OR e.month = ?2)
                           AND (CAST(?3 AS text) IS NULL OR e.status = ?3)
                         ORDER BY e.id DESC LIMIT 2000""", villageId, month, status)
                .map(list -> list.stream().map(EntryService::view).toList());
    }

    @WithTransaction
    public Uni<PhotoView> addPhoto(StaffPrincipal actor, long entryId, String contentType, byte[] data, int maxBytes) {
        if (data == null || data.length == 0) {
            return Uni.createFrom().failure(DomainException.badRequest("points.photo-empty", "请选择照片", List.of("photo")));
        }
        if (data.length > maxBytes) {
            return Uni.createFrom().failure(new DomainException(413, "points.photo-too-large", "照片过大",
                    "照片不能超过 " + (maxBytes / 1024 / 1024) + " MB", List.of("photo")));
        }
        String sniffed = Photos.type(data);
        String type = Photos.JPEG.equals(sniffed) || Photos.PNG.equals(sniffed) ? sniffed : null;
        if (type == null || (contentType != null && !contentType.startsWith(type) && !contentType.startsWith("application/octet-stream")
                && !contentType.startsWith("multipart/"))) {
            return Uni.createFrom().failure(new DomainException(415, "points.photo-type", "只接受 JPEG 或 PNG 照片",
                    "只接受 JPEG 或 PNG 照片", List.of("photo")));
        }
        String sha = Photos.sha256(data);
        return one("SELECT village_id FROM entry WHERE id = ?1", entryId).flatMap(e -> {
            if (e == null) {
                return Uni.createFrom().failure(DomainException.notFound("该登记"));
            }
            long villageId = lng(e[0]);
            return one("""
                    INSERT INTO entry_photo (entry_id, content_type, size, sha256, data, uploaded_by)
                    VALUES (?1, ?2, ?3, ?4, decode(?5, 'base64'), ?6) RETURNING id""",
                    entryId, type, data.length, sha, java.util.Base64.getEncoder().encodeToString(data), actor.username())
                    .map(r -> new PhotoView(lng(r[0]), entryId, type, data.length, sha))
                    .call(p -> audit.record(actor.username(), actor.townId(), villageId, "add-photo", "entry", entryId, null,
                            Map.of("photoId", p.id(), "sha256", sha, "size", data.length)));
        });
    }

    @WithSession
    public Uni<List<PhotoView>> photos(long entryId) {
        return rows("SELECT id, entry_id, content_type, size, sha256 FROM entry_photo WHERE entry_id = ?1 ORDER BY id", entryId)
                .map(list -> list.stream().map(r -> new PhotoView(lng(r[0]), lng(r[1]), str(r[2]), integer(r[3]), str(r[4]))).toList());
    }

    @WithSession
    public Uni<Photo> photo(long entryId, long photoId) {
        return one("SELECT content_type, encode(data, 'base64'), sha256 FROM entry_photo WHERE entry_id = ?1 AND id = ?2", entryId, photoId)
                .map(r -> {
                    if (r == null) {
                        throw DomainException.notFound("该照片");
                    }
                    return new Photo(str(r[0]), java.util.Base64.getMimeDecoder().decode(str(r[1])), str(r[2]));
                });
    }

    private static EntryView view(Object[] r) {
        return new EntryView(lng(r[0]), lng(r[1]), lng(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]), integer(r[7]),
                integer(r[8]), integer(r[9]), str(r[10]), str(r[11]), str(r[12]), str(r[13]), integer(r[14]), integer(r[15]),
                bool(r[16]), integer(r[17]), str(r[18]), str(r[19]));
    }
}
