package org.jifen.points;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.MonthLock;
import org.jifen.ledger.Postings;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** An entry under review, locked, with what the rules ask about it. */
    private record UnderReview(long householdId, int points, String status, int approvals, long recordedById,
                               boolean photoRequired, int photos, boolean reviewedByActor) {
    }

    private record Where(long villageId, String month) {
    }

    private static final String SELECT_ENTRY = """
            SELECT e.id, e.village_id, e.household_id, h.number, h.head_name, e.item_code, e.item_title, e.unit_points,
                   e.quantity, e.points, CAST(e.occurred_on AS text) AS occurred_on, e.month, e.note, e.status, e.approvals,
                   e.approvals_needed, e.photo_required, (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id) AS photos,
                   e.recorded_by, to_json(e.created_at) #>> '{}' AS created_at
            FROM entry e JOIN household h ON h.id = e.household_id""";

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    CatalogService catalog;

    @Inject
    PointsSettingsService settings;

    public Uni<EntryView> register(StaffPrincipal actor, long villageId, long householdId, String itemCode, int quantity,
                                   LocalDate occurredOn, String note) {
        return pool.withTransaction(tx -> register(tx, actor, villageId, householdId, itemCode, quantity, occurredOn, note));
    }

    /** Registers a PENDING entry within the caller's transaction. */
    public Uni<EntryView> register(SqlClient tx, StaffPrincipal actor, long villageId, long householdId, String itemCode,
                                   int quantity, LocalDate occurredOn, String note) {
        if (occurredOn.isAfter(time.today())) {
            return Uni.createFrom().failure(DomainException.badRequest("points.future-date", "发生日期不能晚于今天", List.of("occurredOn")));
        }
        String month = occurredOn.toString().substring(0, 7);
        return Sql.exists(tx, "SELECT 1 FROM household WHERE id = $1 AND village_id = $2", Sql.args(householdId, villageId))
                .flatMap(known -> known ? catalog.find(tx, villageId, itemCode)
                        : Uni.createFrom().failure(DomainException.badRequest("points.unknown-household", "本村没有该农户", List.of("householdId"))))
                .flatMap(item -> {
                    if (item == null || !item.enabled()) {
                        return Uni.createFrom().failure(DomainException.badRequest("points.unknown-item", "本村积分细则中没有该项目", List.of("itemCode")));
                    }
                    if (!item.validOn(occurredOn)) {
                        return Uni.createFrom().failure(DomainException.badRequest("points.item-not-valid", "该项目在发生日期不适用", List.of("occurredOn")));
                    }
                    return MonthLock.open(tx, villageId, month)
                            .flatMap(x -> checkCap(tx, householdId, item, month, quantity))
                            .flatMap(x -> settings.village(tx, villageId))
                            .flatMap(vs -> Sql.first(tx, """
                                            INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity,
                                                               points, occurred_on, month, note, photo_required, approvals_needed,
                                                               recorded_by, recorded_by_id)
                                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                                            RETURNING id""",
                                    Sql.args(villageId, householdId, item.id(), item.code(), item.title(), item.points(), quantity,
                                            item.points() * quantity, occurredOn, month, note, item.photoRequired(),
                                            vs.twoApprovals() ? 2 : 1, actor.username(), actor.staffId()),
                                    r -> r.getLong("id")))
                            .flatMap(id -> find(tx, id))
                            .call(e -> {
                                Map<String, Object> after = new LinkedHashMap<>();
                                after.put("householdId", householdId);
                                after.put("itemCode", item.code());
                                after.put("quantity", quantity);
                                after.put("points", e.points());
                                after.put("occurredOn", occurredOn.toString());
                                after.put("note", note);
                                return audit.record(tx, actor, villageId, "register", "entry", e.id(), null, after);
                            });
                });
    }

    private Uni<Void> checkCap(SqlClient tx, long householdId, CatalogService.Item item, String month, int quantity) {
        if (item.monthlyCap() == null) {
            return Uni.createFrom().voidItem();
        }
        // one registration per household at a time while a cap is counted
        return Sql.exec(tx, "SELECT id FROM household WHERE id = $1 FOR NO KEY UPDATE", Sql.args(householdId))
                .flatMap(x -> Sql.first(tx, """
                        SELECT coalesce(sum(quantity), 0) AS used FROM entry
                        WHERE household_id = $1 AND item_id = $2 AND month = $3 AND status <> 'REJECTED'""",
                        Sql.args(householdId, item.id(), month), r -> r.getInteger("used")))
                .map(used -> {
                    if (used + quantity > item.monthlyCap()) {
                        throw new DomainException(409, "points.monthly-cap", "超过该项目每户每月上限",
                                "该项目每户每月最多 " + item.monthlyCap() + item.unit() + "，本月已登记 " + used, List.of("quantity"));
                    }
                    return null;
                });
    }

    public Uni<ReviewResult> review(StaffPrincipal actor, long entryId, boolean approve, String note) {
        return pool.withTransaction(tx -> Sql.one(tx, "SELECT village_id, month FROM entry WHERE id = $1", Sql.args(entryId), "该登记",
                r -> new Where(r.getLong("village_id"), r.getString("month"))).flatMap(w -> MonthLock.shared(tx, w.villageId(), w.month())
                .flatMap(x -> Sql.one(tx, """
                                SELECT e.household_id, e.points, e.status, e.approvals, e.recorded_by_id, e.photo_required,
                                       (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id) AS photos,
                                       EXISTS (SELECT 1 FROM entry_review r WHERE r.entry_id = e.id AND r.reviewer_id = $2) AS reviewed
                                FROM entry e WHERE e.id = $1 FOR UPDATE OF e""", Sql.args(entryId, actor.staffId()), "该登记",
                        r -> new UnderReview(r.getLong("household_id"), r.getInteger("points"), r.getString("status"),
                                r.getInteger("approvals"), r.getLong("recorded_by_id"), r.getBoolean("photo_required"),
                                r.getInteger("photos"), r.getBoolean("reviewed"))))
                .call(x -> MonthLock.refuseClosed(tx, w.villageId(), w.month()))
                .flatMap(e -> {
                    if (e.recordedById() == actor.staffId()) {
                        return Uni.createFrom().failure(new DomainException(403, "points.self-review", "不能审核自己登记的积分",
                                "登记人不能审核自己登记的积分，请由评议组其他成员审核"));
                    }
                    if (!"PENDING".equals(e.status())) {
                        return Uni.createFrom().failure(DomainException.conflict("points.already-decided", "该登记已审核完毕"));
                    }
                    if (e.reviewedByActor()) {
                        return Uni.createFrom().failure(DomainException.conflict("points.already-reviewed", "您已审核过该登记，需由另一名评议人员审核"));
                    }
                    if (approve && e.photoRequired() && e.photos() == 0) {
                        return Uni.createFrom().failure(DomainException.conflict("points.photo-required", "该项目须上传照片佐证后才能通过"));
                    }
                    return settings.village(tx, w.villageId()).flatMap(vs -> decide(tx, actor, entryId, w, e,
                            vs.twoApprovals() ? 2 : 1, approve, note));
                })));
    }

    private Uni<ReviewResult> decide(SqlClient tx, StaffPrincipal actor, long entryId, Where w, UnderReview e, int needed,
                                     boolean approve, String note) {
        int approvals = e.approvals();
        Uni<Integer> reviewRow = Sql.exec(tx, """
                INSERT INTO entry_review (entry_id, reviewer, reviewer_id, decision, note) VALUES ($1, $2, $3, $4, $5)""",
                Sql.args(entryId, actor.username(), actor.staffId(), approve ? "APPROVE" : "REJECT", note));
        Uni<ReviewResult> result;
        if (!approve) {
            result = reviewRow.flatMap(x -> Sql.exec(tx, "UPDATE entry SET status = 'REJECTED', decided_at = now() WHERE id = $1",
                            Sql.args(entryId)))
                    .replaceWith(new ReviewResult(entryId, "REJECTED", approvals, needed, null));
        } else if (approvals + 1 < needed) {
            result = reviewRow.flatMap(x -> Sql.exec(tx, "UPDATE entry SET approvals = approvals + 1, approvals_needed = $2 WHERE id = $1",
                            Sql.args(entryId, needed)))
                    .replaceWith(new ReviewResult(entryId, "PENDING", approvals + 1, needed, null));
        } else {
            result = reviewRow.flatMap(x -> Sql.exec(tx, """
                            UPDATE entry SET approvals = approvals + 1, approvals_needed = $2, status = 'APPROVED', decided_at = now()
                            WHERE id = $1""", Sql.args(entryId, needed)))
                    .flatMap(x -> Postings.post(tx, new Postings.NewPosting(e.householdId(), w.villageId(), "EARN", e.points(),
                            w.month(), "entry", entryId, null, null, actor.username())))
                    .map(p -> new ReviewResult(entryId, "APPROVED", approvals + 1, needed, p.id()));
        }
        return result.call(r -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("decision", approve ? "APPROVE" : "REJECT");
            after.put("status", r.status());
            after.put("note", note);
            after.put("postingId", r.postingId());
            return audit.record(tx, actor, w.villageId(), "review", "entry", entryId, Map.of("status", "PENDING"), after);
        });
    }

    public Uni<EntryView> find(long entryId) {
        return find(pool, entryId);
    }

    /** The entry, read with {@code db} (a transaction's connection or the pool); 404 when there is none. */
    public Uni<EntryView> find(SqlClient db, long entryId) {
        return Sql.one(db, SELECT_ENTRY + " WHERE e.id = $1", Sql.args(entryId), "该登记", EntryService::view);
    }

    public Uni<List<EntryView>> list(long villageId, String month, String status) {
        return Sql.list(pool, SELECT_ENTRY + " " + """
                         WHERE e.village_id = $1 AND (CAST($2 AS text) IS NULL OR e.month = $2)
                           AND (CAST($3 AS text) IS NULL OR e.status = $3)
                         ORDER BY e.id DESC LIMIT 2000""", Sql.args(villageId, month, status), EntryService::view);
    }

    public Uni<PhotoView> addPhoto(StaffPrincipal actor, long entryId, String contentType, byte[] data, int maxBytes) {
        return pool.withTransaction(tx -> addPhoto(tx, actor, entryId, contentType, data, maxBytes));
    }

    /** Adds a JPEG or PNG photo to the entry within the caller's transaction. */
    public Uni<PhotoView> addPhoto(SqlClient tx, StaffPrincipal actor, long entryId, String contentType, byte[] data, int maxBytes) {
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
        Buffer bytes = Buffer.buffer(data); // bytea takes the core Buffer: Tuple.from does not unwrap a Mutiny one
        return Sql.one(tx, "SELECT village_id FROM entry WHERE id = $1", Sql.args(entryId), "该登记", r -> r.getLong("village_id"))
                .flatMap(villageId -> Sql.first(tx, """
                                INSERT INTO entry_photo (entry_id, content_type, size, sha256, data, uploaded_by)
                                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                                Sql.args(entryId, type, data.length, sha, bytes, actor.username()),
                                r -> new PhotoView(r.getLong("id"), entryId, type, data.length, sha))
                        .call(p -> audit.record(tx, actor, villageId, "add-photo", "entry", entryId, null,
                                Map.of("photoId", p.id(), "sha256", sha, "size", data.length))));
    }

    public Uni<List<PhotoView>> photos(long entryId) {
        return Sql.list(pool, "SELECT id, entry_id, content_type, size, sha256 FROM entry_photo WHERE entry_id = $1 ORDER BY id",
                Sql.args(entryId), r -> new PhotoView(r.getLong("id"), r.getLong("entry_id"), r.getString("content_type"),
                        r.getInteger("size"), r.getString("sha256")));
    }

    public Uni<Photo> photo(long entryId, long photoId) {
        return Sql.one(pool, "SELECT content_type, data, sha256 FROM entry_photo WHERE entry_id = $1 AND id = $2",
                Sql.args(entryId, photoId), "该照片",
                r -> new Photo(r.getString("content_type"), r.getBuffer("data").getBytes(), r.getString("sha256")));
    }

    private static EntryView view(Row r) {
        return new EntryView(r.getLong("id"), r.getLong("village_id"), r.getLong("household_id"), r.getString("number"),
                r.getString("head_name"), r.getString("item_code"), r.getString("item_title"), r.getInteger("unit_points"),
                r.getInteger("quantity"), r.getInteger("points"), r.getString("occurred_on"), r.getString("month"),
                r.getString("note"), r.getString("status"), r.getInteger("approvals"), r.getInteger("approvals_needed"),
                r.getBoolean("photo_required"), r.getInteger("photos"), r.getString("recorded_by"), r.getString("created_at"));
    }
}
