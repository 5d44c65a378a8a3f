package org.jifen.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.PhotoUploads;
import org.jifen.common.PhotoUploads.Upload;
import org.jifen.common.Photos;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;

/**
 * Photos of a survey visit, kept as the oversight photos are: JPEG or PNG only, the type read from the first bytes
 * ({@link Photos}), at most {@code jifen.survey.photo-max-bytes} (default 5 MB), stored with their SHA-256.
 */
@ApplicationScoped
public class SurveyPhotos {

    public record Stored(long id, String sha256, int bytes) {
    }

    public record Photo(String contentType, byte[] data, String sha256) {
    }

    @Inject
    PhotoUploads uploads;

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @ConfigProperty(name = "jifen.survey.photo-max-bytes", defaultValue = "5242880")
    int maxBytes;

    /** The uploaded file, checked; {@code null} when the form sent none (the photo is optional). */
    public Uni<Upload> readOptional(FileUpload file, String field) {
        return uploads.readOptional(file, field, rules());
    }

    public Uni<Upload> read(FileUpload file, String field) {
        return uploads.read(file, field, rules());
    }

    Upload check(byte[] data, String field) {
        return uploads.check(data, field, rules());
    }

    private PhotoUploads.Rules rules() {
        return new PhotoUploads.Rules("survey", maxBytes);
    }

    Uni<Stored> store(SqlClient tx, StaffPrincipal actor, long villageId, long visitId, Upload photo) {
        String sha = Photos.sha256(photo.data());
        return Sql.one(tx, """
                        INSERT INTO survey_photo (village_id, visit_id, content_type, data, sha256, created_by)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                        Sql.args(villageId, visitId, photo.contentType(), Buffer.buffer(photo.data()), sha, actor.username()),
                        "", r -> r.getLong("id"))
                .call(id -> audit.record(tx, actor, villageId, "photo", "survey_photo", id, null,
                        Map.of("visitId", visitId, "bytes", photo.data().length, "sha256", sha)))
                .map(id -> new Stored(id, sha, photo.data().length));
    }

    public Uni<Photo> photo(long id) {
        return Sql.one(pool, "SELECT content_type, data, sha256 FROM survey_photo WHERE id = $1", Sql.args(id), "照片",
                r -> new Photo(r.getString("content_type"), r.getBuffer("data").getBytes(), r.getString("sha256")));
    }
}
