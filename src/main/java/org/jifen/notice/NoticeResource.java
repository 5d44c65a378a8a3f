package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.Photos;
import org.jifen.common.security.Access;
import org.jifen.notice.NoticeRules.Row;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/** The staff API of quarterly notices, and the one public call: filing an objection. */
@Path("/api")
public class NoticeResource {

    static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;

    public record DraftRequest(@NotNull @Min(2000) @Max(2100) Integer year,
                               @NotNull @Min(1) @Max(4) Integer quarter,
                               String statisticsDate, String noticeFrom, String noticeTo,
                               @Size(max = 64) String signatory, @Size(max = 128) String contact) {
    }

    public record EditRequest(String statisticsDate, String noticeFrom, String noticeTo,
                              @Size(max = 64) String signatory, @Size(max = 128) String contact) {
    }

    public record StampRequest(String stampedOn) {
    }

    public record ObjectionRequest(@NotBlank @Size(max = 2000) String text, @NotBlank @Size(max = 128) String contact,
                                   @Size(max = 32) String householdNumber) {
    }

    public record AnswerRequest(@NotBlank @Size(max = 2000) String answer, @NotNull Boolean upheld,
                                Integer points, Long householdId,
                                @Pattern(regexp = "[0-9]{4}-(0[1-9]|1[0-2])") String month) {
    }

    public record SettingsRequest(@NotNull Boolean maskNames) {
    }

    public record PhotoView(long id, String contentType, int size, String sha256, String note, String recordedBy,
                            OffsetDateTime recordedAt) {
        static PhotoView of(NoticeEvidence e) {
            return new PhotoView(e.id(), e.contentType(), e.size(), e.sha256(), e.note(), e.recordedBy(), e.recordedAt());
        }
    }

    /** A notice as staff see it; {@code complete} once published, stamped and photographed. */
    public record NoticeView(long id, long villageId, String villageName, int year, int quarter, String status,
                             LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo, String signatory,
                             String contact, List<String> monthSeals, String contentHash, Boolean hashVerified,
                             String publicUrl, OffsetDateTime publishedAt, String publishedBy, boolean stamped,
                             LocalDate stampedOn, String stampedBy, List<PhotoView> photos, boolean complete,
                             List<String> missing, long objections, long unansweredObjections, List<Row> rows) {
    }

    public record NoticeSummary(long id, long villageId, int year, int quarter, String status, LocalDate statisticsDate,
                                LocalDate noticeFrom, LocalDate noticeTo, String contentHash, String publicUrl,
                                OffsetDateTime publishedAt, boolean stamped, int photos, boolean complete,
                                List<String> missing, long objections, long unansweredObjections) {
    }

    public record PublishView(long id, String status, String publicUrl, String contentHash, List<String> monthSeals,
                              int rowCount) {
    }

    public record ObjectionView(long id, long noticeId, String text, String contact, String householdNumber,
                                OffsetDateTime filedAt, String answer, Boolean upheld, String answeredBy,
                                OffsetDateTime answeredAt, Long postingId) {
        static ObjectionView of(Objection o) {
            return new ObjectionView(o.id(), o.noticeId(), o.text(), o.contact(), o.householdNumber(), o.filedAt(), o.answer(),
                    o.upheld(), o.answeredBy(), o.answeredAt(), o.postingId());
        }
    }

    @Inject
    NoticeService notices;

    @Inject
    ObjectionService objections;

    @Inject
    Access access;

    @Inject
    Vertx vertx;

    // ---------------------------------------------------------------- drafting and publishing

    @POST
    @Path("/villages/{villageId}/notices")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> draft(@PathParam("villageId") long villageId, @Valid @NotNull DraftRequest r) {
        NoticeService.Fields fields = fields(r.statisticsDate(), r.noticeFrom(), r.noticeTo(), r.signatory(), r.contact());
        return access.staff()
                .flatMap(actor -> notices.createDraft(actor, villageId, r.year(), r.quarter(), fields))
                .map(d -> Response.status(201).entity(view(d)).build());
    }

    @GET
    @Path("/villages/{villageId}/notices")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<NoticeSummary>> list(@PathParam("villageId") long villageId) {
        return notices.list(villageId).map(list -> list.stream().map(this::summary).toList());
    }

    @GET
    @Path("/notices/{noticeId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<NoticeView> get(@PathParam("noticeId") long noticeId) {
        return notices.get(noticeId).map(this::view);
    }

    @PUT
    @Path("/notices/{noticeId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<NoticeView> edit(@PathParam("noticeId") long noticeId, @Valid @NotNull EditRequest r) {
        NoticeService.Fields fields = fields(r.statisticsDate(), r.noticeFrom(), r.noticeTo(), r.signatory(), r.contact());
        return access.staff().flatMap(actor -> notices.update(actor, noticeId, fields)).map(this::view);
    }

    @POST
    @Path("/notices/{noticeId}/publish")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<PublishView> publish(@PathParam("noticeId") long noticeId) {
        return access.staff().flatMap(actor -> notices.publish(actor, noticeId))
                .map(d -> new PublishView(d.notice().id(), d.notice().status(), notices.publicUrl(d.notice().id()),
                        d.notice().contentHash(), d.notice().sealLines(), d.rows().size()));
    }

    // ---------------------------------------------------------------- after publishing: stamp and photo

    @POST
    @Path("/notices/{noticeId}/stamp")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<NoticeView> stamp(@PathParam("noticeId") long noticeId, StampRequest r) {
        LocalDate on = date("stampedOn", r == null ? null : r.stampedOn());
        return access.staff().flatMap(actor -> notices.stamp(actor, noticeId, on)).map(this::view);
    }

    /** A photo of the posted paper notice as the raw request body (JPEG, PNG, WebP or HEIC). */
    @POST
    @Path("/notices/{noticeId}/evidence")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    public Uni<Response> photo(@PathParam("noticeId") long noticeId, @QueryParam("note") String note, byte[] body) {
        return storePhoto(noticeId, body, note);
    }

    /** The same as a form upload: part {@code file} (and an optional {@code note}). */
    @POST
    @Path("/notices/{noticeId}/evidence")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> photoForm(@PathParam("noticeId") long noticeId, @RestForm("file") FileUpload file,
                                   @RestForm("note") String note) {
        if (file == null) {
            throw new DomainException(400, "request.invalid", "请选择照片", null, List.of("file"));
        }
        if (file.size() > MAX_PHOTO_BYTES) {
            throw tooLarge();
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .flatMap(buffer -> storePhoto(noticeId, buffer.getBytes(), note));
    }

    @GET
    @Path("/notices/{noticeId}/evidence/{evidenceId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> photoBytes(@PathParam("noticeId") long noticeId, @PathParam("evidenceId") long evidenceId) {
        return notices.photo(noticeId, evidenceId).map(e -> Response.ok(e.bytes(), e.contentType())
                .header("X-Content-SHA256", e.sha256()).header("Cache-Control", "private, max-age=86400").build());
    }

    private Uni<Response> storePhoto(long noticeId, byte[] bytes, String note) {
        if (bytes == null || bytes.length == 0) {
            throw new DomainException(400, "request.invalid", "请上传照片", null, List.of("file"));
        }
        if (bytes.length > MAX_PHOTO_BYTES) {
            throw tooLarge();
        }
        String type = Photos.type(bytes);
        if (type == null) {
            throw new DomainException(415, "notice.not-an-image", "只接受 JPEG、PNG、WebP 或 HEIC 照片");
        }
        if (note != null && note.length() > 200) {
            throw new DomainException(400, "request.invalid", "备注过长", null, List.of("note"));
        }
        return access.staff().flatMap(actor -> notices.addPhoto(actor, noticeId, type, bytes, note))
                .map(e -> Response.status(201).entity(PhotoView.of(e)).build());
    }

    private static DomainException tooLarge() {
        return new DomainException(413, "request.too-large", "照片过大（不超过 10 MB）");
    }

    // ---------------------------------------------------------------- objections

    /** Public: anyone may object while the notice period runs (China dates, inclusive). */
    @POST
    @Path("/notices/{noticeId}/objections")
    @PermitAll
    public Uni<Response> object(@PathParam("noticeId") long noticeId, @Valid @NotNull ObjectionRequest r,
                                io.vertx.ext.web.RoutingContext context) {
        return objections.file(noticeId, r.text().strip(), r.contact().strip(), NoticeService.blankToNull(r.householdNumber()),
                        context.request().remoteAddress().hostAddress())
                .map(o -> Response.status(201).entity(Map.of("id", o.id())).build());
    }

    @GET
    @Path("/notices/{noticeId}/objections")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<List<ObjectionView>> objections(@PathParam("noticeId") long noticeId) {
        return objections.ofNotice(noticeId).map(list -> list.stream().map(ObjectionView::of).toList());
    }

    @POST
    @Path("/objections/{objectionId}/answer")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<ObjectionView> answer(@PathParam("objectionId") long objectionId, @Valid @NotNull AnswerRequest r) {
        YearMonth month = r.month() == null ? null : YearMonth.parse(r.month());
        return access.staff()
                .flatMap(actor -> objections.answer(actor, objectionId, r.answer().strip(), r.upheld(), r.points(),
                        r.householdId(), month))
                .map(ObjectionView::of);
    }

    // ---------------------------------------------------------------- town settings

    @GET
    @Path("/town/notice-settings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<Map<String, Object>> settings() {
        return access.staff().flatMap(actor -> notices.maskNames(actor.townId())).map(mask -> Map.of("maskNames", mask));
    }

    @PUT
    @Path("/town/notice-settings")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<Map<String, Object>> changeSettings(@Valid @NotNull SettingsRequest r) {
        return access.staff().flatMap(actor -> notices.setMaskNames(actor, r.maskNames())).map(mask -> Map.of("maskNames", mask));
    }

    // ---------------------------------------------------------------- views

    NoticeView view(NoticeService.Detail d) {
        Notice n = d.notice();
        List<String> missing = missing(n, d.photos().size());
        return new NoticeView(n.id(), n.villageId(), d.villageName(), n.year(), n.quarter(), n.status(), n.statisticsDate(),
                n.noticeFrom(), n.noticeTo(), n.signatory(), n.contact(), n.sealLines(), n.contentHash(), d.hashVerified(),
                n.published() ? notices.publicUrl(n.id()) : null, n.publishedAt(), n.publishedBy(), n.stamped(),
                n.stampedOn(), n.stampedBy(), d.photos().stream().map(PhotoView::of).toList(), n.published() && missing.isEmpty(),
                missing, d.objections(), d.unanswered(), d.rows());
    }

    NoticeSummary summary(NoticeService.Summary s) {
        Notice n = s.notice();
        List<String> missing = missing(n, s.photos());
        return new NoticeSummary(n.id(), n.villageId(), n.year(), n.quarter(), n.status(), n.statisticsDate(), n.noticeFrom(),
                n.noticeTo(), n.contentHash(), n.published() ? notices.publicUrl(n.id()) : null, n.publishedAt(), n.stamped(), s.photos(),
                n.published() && missing.isEmpty(), missing, s.objections(), s.unanswered());
    }

    /** What the notice still lacks: blank fields, then the stamp and the photo of the posted paper. */
    static List<String> missing(Notice n, int photos) {
        List<String> missing = new ArrayList<>(NoticeRules.blankFields(n.statisticsDate(), n.noticeFrom(), n.noticeTo(),
                n.signatory(), n.contact()));
        if (!n.stamped()) {
            missing.add("stamp");
        }
        if (photos == 0) {
            missing.add("photo");
        }
        return missing;
    }

    private static NoticeService.Fields fields(String statisticsDate, String noticeFrom, String noticeTo, String signatory,
                                               String contact) {
        List<String> bad = new ArrayList<>();
        LocalDate s = parse("statisticsDate", statisticsDate, bad);
        LocalDate f = parse("noticeFrom", noticeFrom, bad);
        LocalDate t = parse("noticeTo", noticeTo, bad);
        if (!bad.isEmpty()) {
            throw new DomainException(400, "request.invalid", "日期格式应为 2026-03-05", null, bad);
        }
        return new NoticeService.Fields(s, f, t, signatory, contact);
    }

    private static LocalDate date(String field, String value) {
        List<String> bad = new ArrayList<>();
        LocalDate d = parse(field, value, bad);
        if (!bad.isEmpty()) {
            throw new DomainException(400, "request.invalid", "日期格式应为 2026-03-05", null, bad);
        }
        return d;
    }

    private static LocalDate parse(String field, String value, List<String> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            bad.add(field);
            return null;
        }
    }
}
