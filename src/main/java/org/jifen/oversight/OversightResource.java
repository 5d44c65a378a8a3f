package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.time.LocalDate;
import java.util.List;

/**
 * The town's oversight API: spot checks (督查抽查) and their results, 整改 items (rectifications), shop inspections
 * (服务标准) and the photos taken for them. Writes name {@link Roles#OVERSIGHT}, where an INSPECTOR writes too.
 */
@Path("/api")
public class OversightResource {

    public record SpotCheckRequest(String from, String to, @NotNull @Min(1) @Max(1000) Integer size, Long seed) {
    }

    public record ResultRequest(@NotNull Long householdId, @NotNull Boolean matches, String note) {
    }

    public record AnswerRequest(String answer, @Size(max = 100) List<@NotNull Long> postingIds) {
    }

    public record NoteRequest(String note) {
    }

    public record VerdictRequest(@NotNull String code, @NotNull Boolean passed, String note) {
    }

    public record InspectionRequest(String note, @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull VerdictRequest> points) {
    }

    /** A spot check with the results recorded so far (the last one per household counts). */
    public record SpotCheckDetail(SpotChecks.SpotCheck spotCheck, List<SpotChecks.Result> results) {
    }

    @Inject
    Access access;

    @Inject
    SpotChecks spotChecks;

    @Inject
    Rectifications rectifications;

    @Inject
    ShopInspections inspections;

    @Inject
    OversightPhotos photos;

    @Inject
    OversightService service;

    @POST
    @Path("/villages/{villageId}/spot-checks")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<Response> draw(@PathParam("villageId") long villageId, @Valid @NotNull SpotCheckRequest r) {
        LocalDate[] period = OversightInput.period(r.from(), r.to());
        return access.staff().flatMap(a -> spotChecks.create(a, villageId, period[0], period[1], r.size(), r.seed()))
                .map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @Path("/villages/{villageId}/spot-checks")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<List<SpotChecks.Summary>> spotChecks(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(a -> spotChecks.list(a.townId(), villageId));
    }

    @GET
    @Path("/spot-checks/{spotCheckId}")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<SpotCheckDetail> spotCheck(@PathParam("spotCheckId") long id) {
        return spotChecks.find(id).flatMap(s -> spotChecks.results(id).map(rs -> new SpotCheckDetail(s, rs)));
    }

    @POST
    @Path("/spot-checks/{spotCheckId}/results")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<Response> result(@PathParam("spotCheckId") long id, @Valid @NotNull ResultRequest r) {
        String note = OversightInput.optional(r.note(), 2000, "note", "说明不能超过 2000 字");
        return access.staff().flatMap(a -> spotChecks.record(a, id, r.householdId(), r.matches(), note))
                .map(x -> Response.status(201).entity(x).build());
    }

    /** A photo of a sampled household's result: multipart part {@code photo}, JPEG or PNG. */
    @POST
    @Path("/spot-check-results/{spotCheckResultId}/photos")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> resultPhoto(@PathParam("spotCheckResultId") long resultId, @RestForm("photo") FileUpload photo) {
        return photos.read(photo, "photo").flatMap(p -> access.staff().flatMap(a -> service.resultPhoto(a, resultId, p)))
                .map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @Path("/oversight-photos/{oversightPhotoId}")
    @RolesAllowed(Roles.STAFF)
    @Produces({"image/jpeg", "image/png"})
    public Uni<Response> photo(@PathParam("oversightPhotoId") long id) {
        return photos.photo(id).map(p -> Response.ok(p.data(), p.contentType()).header("ETag", "\"" + p.sha256() + "\"")
                .header("Cache-Control", "private, max-age=3600").build());
    }

    @GET
    @Path("/villages/{villageId}/rectifications")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<Rectifications.Rectification>> rectifications(@PathParam("villageId") long villageId) {
        return rectifications.ofVillage(villageId);
    }

    @GET
    @Path("/rectifications/{rectificationId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<Rectifications.Rectification> rectification(@PathParam("rectificationId") long id) {
        return rectifications.find(id);
    }

    /** For the town dashboard: per village, 整改 items not yet answered and answered but not closed. */
    @GET
    @Path("/town/rectifications/open")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<List<Rectifications.OpenCount>> openCounts() {
        return access.staff().flatMap(a -> rectifications.openCounts(a.townId()));
    }

    /** The secretary's answer: the correction made, naming the postings of its reversals / adjustments. */
    @POST
    @Path("/rectifications/{rectificationId}/answer")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<Rectifications.Rectification> answer(@PathParam("rectificationId") long id, @Valid @NotNull AnswerRequest r) {
        String answer = OversightInput.required(r.answer(), 2000, "answer", "请写明整改情况（2000 字以内）");
        return access.staff().flatMap(a -> rectifications.answer(a, id, answer, r.postingIds() == null ? List.of() : r.postingIds()));
    }

    @POST
    @Path("/rectifications/{rectificationId}/close")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<Rectifications.Rectification> close(@PathParam("rectificationId") long id, NoteRequest r) {
        String note = OversightInput.optional(r == null ? null : r.note(), 2000, "note", "说明不能超过 2000 字");
        return access.staff().flatMap(a -> rectifications.close(a, id, note));
    }

    @POST
    @Path("/rectifications/{rectificationId}/send-back")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<Rectifications.Rectification> sendBack(@PathParam("rectificationId") long id, @Valid @NotNull NoteRequest r) {
        String note = OversightInput.required(r.note(), 2000, "note", "请写明退回的理由（2000 字以内）");
        return access.staff().flatMap(a -> rectifications.sendBack(a, id, note));
    }

    /** The shop checklist as the records fill it today. */
    @GET
    @Path("/villages/{villageId}/shop-inspections/checklist")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<List<ShopChecklist.Point>> checklist(@PathParam("villageId") long villageId) {
        return inspections.checklist(villageId);
    }

    @POST
    @Path("/villages/{villageId}/shop-inspections")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<Response> inspect(@PathParam("villageId") long villageId, @Valid @NotNull InspectionRequest r) {
        String note = OversightInput.optional(r.note(), 2000, "note", "说明不能超过 2000 字");
        List<ShopInspections.Verdict> verdicts = r.points().stream().map(p -> new ShopInspections.Verdict(p.code(), p.passed(),
                OversightInput.optional(p.note(), 2000, "points", "说明不能超过 2000 字"))).toList();
        return access.staff().flatMap(a -> inspections.record(a, villageId, note, verdicts))
                .map(i -> Response.status(201).entity(i).build());
    }

    @GET
    @Path("/villages/{villageId}/shop-inspections")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<ShopInspections.Inspection>> shopInspections(@PathParam("villageId") long villageId) {
        return inspections.ofVillage(villageId);
    }

    @GET
    @Path("/shop-inspections/{shopInspectionId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<ShopInspections.Inspection> shopInspection(@PathParam("shopInspectionId") long id) {
        return inspections.find(id);
    }

    /** A photo of one checklist point ({@code clean}, {@code not-expired}, ...): multipart part {@code photo}. */
    @POST
    @Path("/shop-inspections/{shopInspectionId}/points/{code}/photos")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> pointPhoto(@PathParam("shopInspectionId") long id, @PathParam("code") String code,
                                    @RestForm("photo") FileUpload photo) {
        return photos.read(photo, "photo").flatMap(p -> access.staff().flatMap(a -> service.pointPhoto(a, id, code, p)))
                .map(s -> Response.status(201).entity(s).build());
    }
}
