package org.jifen.survey;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff pages of needs surveys, phone first: a village's visits, the form to record one, the households due a
 * visit, and the quarter's ranking of wished goods and needs next to the shop.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SurveyPages {

    /** What the caller may do here: record visits; add goods (officers); add catalog items (secretaries). */
    public record Can(boolean record, boolean addGoods, boolean addItem) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance visits(long villageId, String village, SurveyRules.Quarter quarter, List<SurveyVisits.Visit> visits,
                                              long due, Can can, String saved);

        static native TemplateInstance visitForm(long villageId, String village, List<SurveyVisits.Choice> households, Long householdId,
                                                 List<SurveyWishes.Suggestion> goods, LocalDate today);

        static native TemplateInstance due(long villageId, String village, List<SurveyVisits.Due> households, int dueDays,
                                           LocalDate cutoff, Can can);

        static native TemplateInstance ranking(long villageId, String village, SurveyRanking.Ranking ranking, SurveyRules.Quarter quarter,
                                               Can can);
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

    @Inject
    SurveyResource api;

    private static Can can(org.jifen.common.security.StaffPrincipal s) {
        return new Can(Roles.SETS.get(Roles.RECORD_KEEPERS).contains(s.role()), Roles.SETS.get(Roles.OFFICERS).contains(s.role()),
                Roles.SETS.get(Roles.SECRETARIES).contains(s.role()));
    }

    @GET
    @Path("villages/{villageId}/surveys")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<TemplateInstance> visits(@PathParam("villageId") long villageId, @QueryParam("quarter") String quarter,
                                        @QueryParam("saved") String saved) {
        SurveyRules.Quarter q = SurveyInput.quarter(quarter, time.today());
        return access.staff().flatMap(s -> Uni.combine().all().unis(visits.villageName(villageId),
                        visits.ofVillage(villageId, q.from(), q.to(), null, 500), visits.dueCount(s.townId(), villageId)).asTuple()
                .map(t -> Templates.visits(villageId, t.getItem1(), q, t.getItem2(), t.getItem3(), can(s), saved)));
    }

    @GET
    @Path("villages/{villageId}/surveys/new")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<TemplateInstance> visitForm(@PathParam("villageId") long villageId, @QueryParam("householdId") String householdId) {
        Long selected = SurveyInput.optionalId(householdId, "householdId");
        return Uni.combine().all().unis(visits.villageName(villageId), visits.choices(villageId), wishes.suggestions(villageId)).asTuple()
                .map(t -> Templates.visitForm(villageId, t.getItem1(), t.getItem2(), selected,
                        t.getItem3().stream().filter(g -> g.goodsId() != null).toList(), time.today()));
    }

    /** The phone's visit form: household, date, whom, needs, goods ticked or typed, one photo. */
    @POST
    @Path("villages/{villageId}/surveys")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> record(@PathParam("villageId") long villageId, @RestForm("householdId") String householdId,
                                @RestForm("visitedOn") String visitedOn, @RestForm("metWhom") String metWhom,
                                @RestForm("needsHeard") String needsHeard, @RestForm("goodsId") List<String> goodsIds,
                                @RestForm("otherGoods") String otherGoods, @RestForm("photo") FileUpload photo) {
        Long household = SurveyInput.optionalId(householdId, "householdId");
        if (household == null) {
            throw SurveyInput.bad("request.invalid", "householdId", "请选择走访的农户");
        }
        List<SurveyResource.WishedGoods> wished = new ArrayList<>();
        for (String g : goodsIds == null ? List.<String>of() : goodsIds) {
            Long id = SurveyInput.optionalId(g, "goodsId");
            if (id != null) {
                wished.add(new SurveyResource.WishedGoods(id, null));
            }
        }
        SurveyRules.splitWishes(otherGoods).forEach(t -> wished.add(new SurveyResource.WishedGoods(null, t)));
        SurveyInput.atMost(wished.size(), "otherGoods");
        SurveyVisits.NewVisit v = api.newVisit(household, visitedOn, metWhom, needsHeard, wished);
        return photos.readOptional(photo, "photo")
                .flatMap(p -> access.staff().flatMap(a -> visits.record(a, villageId, v, p)))
                .map(x -> Response.seeOther(URI.create("/villages/" + villageId + "/surveys?quarter="
                        + SurveyRules.Quarter.of(x.visitedOn()) + "&saved=" + x.id())).build());
    }

    @GET
    @Path("villages/{villageId}/surveys/due")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> due(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(s -> Uni.combine().all().unis(visits.villageName(villageId), visits.due(s.townId(), villageId),
                        visits.dueDays(s.townId()), visits.cutoff(s.townId())).asTuple()
                .map(t -> Templates.due(villageId, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(), can(s))));
    }

    @GET
    @Path("villages/{villageId}/surveys/ranking")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<TemplateInstance> ranking(@PathParam("villageId") long villageId, @QueryParam("quarter") String quarter) {
        SurveyRules.Quarter q = SurveyInput.quarter(quarter, time.today());
        return access.staff().flatMap(s -> Uni.combine().all().unis(visits.villageName(villageId), ranking.of(villageId, q)).asTuple()
                .map(t -> Templates.ranking(villageId, t.getItem1(), t.getItem2(), q, can(s))));
    }
}
