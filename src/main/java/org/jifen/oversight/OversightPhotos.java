package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.audit.Audit;
import org.jifen.common.PhotoUploads;
import org.jifen.common.PhotoUploads.Upload;
import org.jifen.common.Photos;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;

/**
 * Photos taken by the town in the field (a sampled household, a shop-inspection point): JPEG or PNG only, the type read
 * from the first bytes ({@link Photos}), at most {@code jifen.oversight.photo-max-bytes}, kept with their SHA-256.
 */
@ApplicationScoped
public class OversightPhotos {

    public record Stored(long id, String sha256, int bytes) {
    }

    public record Photo(String contentType, byte[] data, String sha256) {
    }

    /** A photo as listed: what it shows it belongs to. */
    public record Listed(long id, String subject, long subjectId, String sha256, String createdBy, String createdAt) {
    }

    @Inject
    PhotoUploads uploads;

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @ConfigProperty(name = "jifen.oversight.photo-max-bytes", defaultValue = "5242880")
    int maxBytes;

    /** The uploaded file, checked; {@code null} when the form sent none (the photo is optional). */
    public Uni<Upload> readOptional(FileUpload file, String field) {
        return uploads.readOptional(file, field, rules());
    }

    public Uni<Upload> read(FileUpload file, String field) {
        return uploads.read(file, field, rules());
    }

    /** A file part of a form read whole ({@code MultipartFormDataInput}); null when the part is empty. */
    public Uni<Upload> readOptional(org.jboss.resteasy.reactive.server.multipart.FormValue part, String field) {
        return uploads.readOptional(part, field, rules());
    }

    Upload check(byte[] data, String field) {
        return uploads.check(data, field, rules());
    }

    private PhotoUploads.Rules rules() {
        return new PhotoUploads.Rules("oversight", maxBytes);
    }

    Uni<Stored> store(SqlClient tx, StaffPrincipal actor, long villageId, String subject, long subjectId, Upload photo) {
        String sha = Photos.sha256(photo.data());
        return Sql.one(tx, """
                        INSERT INTO oversight_photo (village_id, subject, subject_id, content_type, data, sha256, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""",
                        Sql.args(villageId, subject, subjectId, photo.contentType(), Buffer.buffer(photo.data()), sha, actor.username()),
                        "", r -> r.getLong("id"))
                .call(id -> audit.record(tx, actor, villageId, "photo", "oversight_photo", id, null,
                        Map.of("subject", subject, "subjectId", subjectId, "bytes", photo.data().length, "sha256", sha)))
                .map(id -> new Stored(id, sha, photo.data().length));
    }

    public Uni<Photo> photo(long id) {
        return Sql.one(pool, "SELECT content_type, data, sha256 FROM oversight_photo WHERE id = $1", Sql.args(id), "照片",
                r -> new Photo(r.getString("content_type"), r.getBuffer("data").getBytes(), r.getString("sha256")));
    }

    /** The photos of some subjects of one kind, oldest first. */
    public Uni<List<Listed>> of(String subject, List<Long> subjectIds) {
        return Sql.list(pool, """
                        SELECT id, subject, subject_id, sha256, created_by,
                               to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at
                          FROM oversight_photo WHERE subject = $1 AND subject_id = ANY($2) ORDER BY id""",
                Sql.args(subject, subjectIds.toArray(Long[]::new)),
                r -> new Listed(r.getLong("id"), r.getString("subject"), r.getLong("subject_id"), r.getString("sha256"),
                        r.getString("created_by"), r.getString("created_at")));
    }
}
