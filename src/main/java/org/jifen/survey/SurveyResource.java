package org.jifen.survey;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.HouseholdPrincipal;
import org.jifen.common.security.Roles;

import java.util.ArrayList;
import java.util.List;

/**
 * Needs surveys (走访调研) over HTTP: visits recorded by a village's record keepers, the due households, the quarter's
 * ranking, and the portal's wishes (心愿) of the calling household.
 */
@Path("/api")
public class SurveyResource {

    public record WishedGoods(Long goodsId, String text) {
    }

    public record VisitRequest(@NotNull Long householdId, String visitedOn, String metWhom, String needsHeard,
                               @Size(max = 20) List<@NotNull WishedGoods> wishedGoods) {
    }

    public record WishRequest(Long goodsId, String text) {
    }

    public record Due(int dueDays, java.time.LocalDate cutoff, List<SurveyVisits.Due> households) {
    }

    @Inject
    Access access;

    @Inject
    ChinaTime time;

    @Inject
    SurveyVisits visits;

    @Inject
    SurveyWishes wishes;

    @Inject
    SurveyRanking ranking;

    @Inject
    SurveyPhotos photos;

    @POST
    @Path("/villages/{villageId}/survey-visits")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> record(@PathParam("villageId") long villageId, @Valid @NotNull VisitRequest r) {
        SurveyVisits.NewVisit v = newVisit(r.householdId(), r.visitedOn(), r.metWhom(), r.needsHeard(), r.wishedGoods());
        return access.staff().flatMap(a -> visits.record(a, villageId, v, null)).map(x -> Response.status(201).entity(x).build());
    }

    SurveyVisits.NewVisit newVisit(long householdId, String visitedOn, String metWhom, String needsHeard, List<WishedGoods> wished) {
        List<Long> goods = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (WishedGoods w : wished == null ? List.<WishedGoods>of() : wished) {
            if ((w.goodsId() == null) == (w.text() == null || w.text().isBlank())) {
                throw SurveyInput.bad("request.invalid", "wishedGoods", "每件想要的物品填商品编号或文字，二选一");
            }
            if (w.goodsId() != null) {
                if (!goods.contains(w.goodsId())) {
                    goods.add(w.goodsId());
                }
            } else {
                texts.add(w.text());
            }
        }
        return new SurveyVisits.NewVisit(householdId, SurveyInput.visitedOn(visitedOn, time.today()),
                SurveyInput.required(metWhom, SurveyInput.MET_WHOM_MAX, "metWhom", "请填写见到了谁（100 字以内）"),
                SurveyInput.optional(needsHeard, SurveyInput.NEEDS_MAX, "needsHeard", "听到的需求不能超过 2000 字"),
                goods, SurveyInput.texts(texts, "wishedGoods"));
    }

    /** The village's visits, newest first: {@code quarter} (e.g. 2026-Q4) or the latest 200; {@code householdId} optional. */
    @GET
    @Path("/villages/{villageId}/survey-visits")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<List<SurveyVisits.Visit>> list(@PathParam("villageId") long villageId, @QueryParam("quarter") String quarter,
                                              @QueryParam("householdId") String householdId) {
        SurveyRules.Quarter q = quarter == null || quarter.isBlank() ? null : SurveyInput.quarter(quarter, time.today());
        return visits.ofVillage(villageId, q == null ? null : q.from(), q == null ? null : q.to(),
                SurveyInput.optionalId(householdId, "householdId"), 200);
    }

    @GET
    @Path("/survey-visits/{surveyVisitId}")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<SurveyVisits.Visit> visit(@PathParam("surveyVisitId") long id) {
        return visits.find(id);
    }

    /** A photo of a visit: multipart part {@code photo}, JPEG or PNG. */
    @POST
    @Path("/survey-visits/{surveyVisitId}/photos")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> photo(@PathParam("surveyVisitId") long id, @RestForm("photo") FileUpload photo) {
        return photos.read(photo, "photo").flatMap(p -> access.staff().flatMap(a -> visits.addPhoto(a, id, p)))
                .map(s -> Response.status(201).entity(s).build());
    }

    @GET
    @Path("/survey-photos/{surveyPhotoId}")
    @RolesAllowed(Roles.TRAIL_READERS)
    @Produces({"image/jpeg", "image/png"})
    public Uni<Response> photo(@PathParam("surveyPhotoId") long id) {
        return photos.photo(id).map(p -> Response.ok(p.data(), p.contentType()).header("ETag", "\"" + p.sha256() + "\"")
                .header("Cache-Control", "private, max-age=3600").build());
    }

    /** The quarter's ranking of wished goods and needs next to the shop's stock and redemptions. */
    @GET
    @Path("/villages/{villageId}/survey-ranking")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<SurveyRanking.Ranking> ranking(@PathParam("villageId") long villageId, @QueryParam("quarter") String quarter) {
        return ranking.of(villageId, SurveyInput.quarter(quarter, time.today()));
    }

    /** The village's tagged households due a visit under the town's rule. */
    @GET
    @Path("/villages/{villageId}/surveys-due")
    @RolesAllowed(Roles.STAFF)
    public Uni<Due> due(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(a -> Uni.combine().all().unis(visits.dueDays(a.townId()), visits.cutoff(a.townId()),
                visits.due(a.townId(), villageId)).asTuple().map(t -> new Due(t.getItem1(), t.getItem2(), t.getItem3())));
    }

    // ---- the portal: the calling household's wishes ------------------------------------------------------

    @GET
    @Path("/portal/wishes")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<List<SurveyWishes.Wish>> wishes() {
        return household().flatMap(h -> wishes.open(h.householdId()));
    }

    @GET
    @Path("/portal/wish-suggestions")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<List<SurveyWishes.Suggestion>> suggestions() {
        return household().flatMap(h -> wishes.suggestions(h.villageId()));
    }

    @POST
    @Path("/portal/wishes")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<Response> wish(@NotNull WishRequest r) {
        String text = r.text() == null || r.text().isBlank() ? null : r.text().strip();
        return household().flatMap(h -> wishes.add(h.householdId(), h.villageId(), r.goodsId(), text))
                .map(w -> Response.status(201).entity(w).build());
    }

    @DELETE
    @Path("/portal/wishes/{wishId}")
    @RolesAllowed(Roles.HOUSEHOLD)
    public Uni<Response> withdraw(@PathParam("wishId") long wishId) {
        return household().flatMap(h -> wishes.withdraw(h.householdId(), wishId)).map(x -> Response.noContent().build());
    }

    private Uni<HouseholdPrincipal> household() {
        return access.identity().map(i -> {
            if (i != null && i.getPrincipal() instanceof HouseholdPrincipal h) {
                return h;
            }
            throw DomainException.forbidden();
        });
    }
}
