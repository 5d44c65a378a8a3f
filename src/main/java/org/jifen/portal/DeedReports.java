package org.jifen.portal;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Good deeds reported by villagers with a photo. They wait as PENDING in {@code deed_report} for the village
 * staff: an officer registers a real one as a PENDING entry of the chosen catalog item ({@link DeedRegistration},
 * which links the report to the entry) or turns it down with a reason. The photo is kept with its SHA-256 as evidence.
 */
@ApplicationScoped
public class DeedReports {

    public record Report(long id, long householdId, String number, String headName, String description,
                         LocalDate occurredOn, boolean hasPhoto, String photoSha256, String status, OffsetDateTime createdAt) {
    }

    public record Photo(String type, byte[] bytes) {
    }

    @Inject
    Pool pool;

    @Inject
    PortalConfig config;

    @Inject
    org.jifen.audit.Audit audit;

    public Uni<Long> create(long householdId, long villageId, String description, LocalDate occurredOn, byte[] photo) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty() || text.length() > 500) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请用 1 到 500 字描述好人好事", List.of("description")));
        }
        String type = null;
        String sha = null;
        if (photo != null && photo.length > 0) {
            if (photo.length > config.maxPhotoBytes()) {
                return Uni.createFrom().failure(new DomainException(413, "request.too-large", "照片太大，请换一张小一点的", null, List.of("photo")));
            }
            type = Photos.type(photo);
            type = Photos.HEIC.equals(type) ? null : type;
            if (type == null) {
                return Uni.createFrom().failure(DomainException.badRequest("deed.bad-photo", "只能上传 JPEG、PNG 或 WebP 照片", List.of("photo")));
            }
            sha = Photos.sha256(photo);
        }
        String photoSha = sha;
        String photoType = type;
        return pool.withTransaction(tx -> Sql.first(tx, """
                        INSERT INTO deed_report (household_id, village_id, description, occurred_on, photo, photo_type, photo_sha256)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        RETURNING id, (SELECT town_id FROM village WHERE id = $2) AS town_id""",
                Sql.args(householdId, villageId, text, occurredOn,
                        photo == null || photo.length == 0 ? null : Buffer.buffer(photo), photoType, photoSha),
                r -> new long[]{r.getLong("id"), r.getLong("town_id")})
                .call(ids -> audit.record(tx, "household:" + householdId, ids[1], villageId, "report", "deed_report", ids[0], null,
                        java.util.Map.of("description", text, "occurredOn", String.valueOf(occurredOn),
                                "photoSha256", photoSha == null ? "" : photoSha)))
                .map(ids -> ids[0]));
    }

    public Uni<List<Report>> ofHousehold(long householdId) {
        return list("r.household_id = $1", householdId);
    }

    public Uni<List<Report>> ofVillage(long villageId) {
        return list("r.village_id = $1", villageId);
    }

    private Uni<List<Report>> list(String where, long id) {
        return Sql.list(pool, """
                        SELECT r.id, r.household_id, h.number, h.head_name, r.description, r.occurred_on, r.photo_sha256,
                               r.status, r.created_at
                          FROM deed_report r JOIN household h ON h.id = r.household_id""" + " WHERE " + where + " ORDER BY r.id DESC LIMIT 200",
                Sql.args(id), r -> new Report(r.getLong("id"), r.getLong("household_id"), r.getString("number"), r.getString("head_name"),
                        r.getString("description"), r.getLocalDate("occurred_on"), r.getString("photo_sha256") != null,
                        r.getString("photo_sha256"), r.getString("status"), r.getOffsetDateTime("created_at")));
    }

    public Uni<Photo> photo(long reportId) {
        return Sql.one(pool, "SELECT photo, photo_type FROM deed_report WHERE id = $1 AND photo IS NOT NULL", Sql.args(reportId),
                "该照片", r -> new Photo(r.getString("photo_type"), r.getBuffer("photo").getBytes()));
    }
}
