package org.jifen.oversight;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.jifen.common.PhotoUploads;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;
import org.jifen.common.security.StaffPrincipal;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The town's oversight pages, phone first: the inspector's start page (draw a spot check), the sample with a result
 * form per household, the printable field sheets, a village's 整改 items (secretary answers, inspector closes) and the
 * shop checklist.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OversightPages {

    /** What the caller may do on these pages. */
    public record Can(boolean oversee, boolean answer) {
        static Can of(StaffPrincipal staff) {
            return new Can(Roles.SETS.get(Roles.OVERSIGHT).contains(staff.role()), Roles.SETS.get(Roles.SECRETARIES).contains(staff.role()));
        }
    }

    /** A sampled household with its latest result and that result's photos. */
    public record Line(int position, SpotChecks.Sampled household, SpotChecks.Result result, List<OversightPhotos.Listed> photos) {
    }

    /** A village of the town with its 整改 items not yet answered and answered but not closed. */
    public record VillageRow(long id, String name, int open, int answered) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(List<VillageRow> villages, List<SpotChecks.Summary> checks, LocalDate today,
                                            LocalDate quarterAgo, Can can);

        static native TemplateInstance spotCheck(SpotChecks.SpotCheck check, String village, List<Line> lines, int recorded, Can can);

        static native TemplateInstance sheets(SpotChecks.SpotCheck check, String village, List<SpotChecks.Sheet> sheets);

        static native TemplateInstance rectifications(long villageId, String village, List<Rectifications.Rectification> items, Can can);

        static native TemplateInstance checklist(long villageId, String village, List<ShopChecklist.Point> points);

        static native TemplateInstance inspection(ShopInspections.Inspection inspection, String village,
                                                  Map<Long, List<OversightPhotos.Listed>> photos, Can can);
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

    @GET
    @Path("oversight")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> home() {
        return access.staff().flatMap(staff -> Uni.combine().all().unis(spotChecks.villages(staff.townId()),
                        rectifications.openCounts(staff.townId()), spotChecks.list(staff.townId(), null)).asTuple()
                .map(t -> {
                    Map<Long, Rectifications.OpenCount> open = new LinkedHashMap<>();
                    t.getItem2().forEach(c -> open.put(c.villageId(), c));
                    List<VillageRow> rows = t.getItem1().stream().map(v -> {
                        var c = open.get(v.id());
                        return new VillageRow(v.id(), v.name(), c == null ? 0 : c.open(), c == null ? 0 : c.answered());
                    }).toList();
                    LocalDate today = LocalDate.now(org.jifen.common.ChinaTime.ZONE);
                    return Templates.home(rows, t.getItem3(), today, today.withDayOfMonth(1).minusMonths(3), Can.of(staff));
                }));
    }

    /** Form: draw a spot check of a village (the village is checked against the caller's town before anything else). */
    @POST
    @Path("oversight/spot-checks")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> draw(@FormParam("villageId") String villageId, @FormParam("from") String from, @FormParam("to") String to,
                              @FormParam("size") String size, @FormParam("seed") String seed) {
        long village = OversightInput.optionalLong(villageId, "villageId", "请选择村（社区）") == null ? -1
                : OversightInput.optionalLong(villageId, "villageId", "请选择村（社区）");
        if (village < 0) {
            throw OversightInput.bad("villageId", "请选择村（社区）");
        }
        return access.requireVillage(village).flatMap(staff -> {
            LocalDate[] period = OversightInput.period(from, to);
            int n = OversightInput.number(size, 1, 1000, "size", "抽查户数请填写 1 到 1000 的整数");
            Long s = OversightInput.optionalLong(seed, "seed", "随机种子请填写整数，或留空由系统抽取");
            return spotChecks.create(staff, village, period[0], period[1], n, s);
        }).map(c -> seeOther("/spot-checks/" + c.id()));
    }

    @GET
    @Path("spot-checks/{spotCheckId}")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> spotCheck(@PathParam("spotCheckId") long id) {
        return access.staff().flatMap(staff -> spotChecks.find(id).flatMap(check -> Uni.combine().all()
                .unis(spotChecks.villageName(check.villageId()), spotChecks.results(id)).asTuple().flatMap(t -> {
                    Map<Long, SpotChecks.Result> latest = new LinkedHashMap<>();
                    t.getItem2().forEach(r -> latest.put(r.householdId(), r));
                    List<Long> resultIds = t.getItem2().stream().map(SpotChecks.Result::id).toList();
                    return photos.of(OversightService.RESULT, resultIds).map(ps -> {
                        List<Line> lines = new ArrayList<>();
                        for (int i = 0; i < check.households().size(); i++) {
                            var h = check.households().get(i);
                            var r = latest.get(h.householdId());
                            // photos of every result of the household (an earlier result's photos stay evidence)
                            List<Long> ofHousehold = t.getItem2().stream().filter(x -> x.householdId() == h.householdId())
                                    .map(SpotChecks.Result::id).toList();
                            lines.add(new Line(i + 1, h, r, ps.stream().filter(p -> ofHousehold.contains(p.subjectId())).toList()));
                        }
                        return Templates.spotCheck(check, t.getItem1(), lines, latest.size(), Can.of(staff));
                    });
                })));
    }

    /** The phone's result form: 相符 / 不符, a note and (optionally) a photo, for one sampled household. */
    @POST
    @Path("spot-checks/{spotCheckId}/results")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> result(@PathParam("spotCheckId") long id, @RestForm("householdId") String householdId,
                                @RestForm("matches") String matches, @RestForm("note") String note, @RestForm("photo") FileUpload photo) {
        Long household = OversightInput.optionalLong(householdId, "householdId", "请选择农户");
        if (household == null) {
            throw OversightInput.bad("householdId", "请选择农户");
        }
        if (!"true".equals(matches) && !"false".equals(matches)) {
            throw OversightInput.bad("matches", "请选择“相符”或“不符”");
        }
        String n = OversightInput.optional(note, 2000, "note", "说明不能超过 2000 字");
        return photos.readOptional(photo, "photo")
                .flatMap(p -> access.staff().flatMap(a -> service.recordWithPhoto(a, id, household, Boolean.parseBoolean(matches), n, p)))
                .map(r -> seeOther("/spot-checks/" + id + "?saved=" + household + "#h" + household));
    }

    /** The field sheets (实地核查表), one printed page per sampled household: a print view, without the staff header. */
    @GET
    @Path("spot-checks/{spotCheckId}/sheets")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> sheets(@PathParam("spotCheckId") long id) {
        return spotChecks.find(id).flatMap(check -> Uni.combine().all()
                .unis(spotChecks.villageName(check.villageId()), spotChecks.sheets(check)).asTuple()
                .map(t -> Templates.sheets(check, t.getItem1(), t.getItem2())));
    }

    @GET
    @Path("villages/{villageId}/rectifications")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> rectifications(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(staff -> Uni.combine().all()
                .unis(spotChecks.villageName(villageId), rectifications.ofVillage(villageId)).asTuple()
                .map(t -> Templates.rectifications(villageId, t.getItem1(), t.getItem2(), Can.of(staff))));
    }

    @POST
    @Path("rectifications/{rectificationId}/answer")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@PathParam("rectificationId") long id, @FormParam("answer") String answer,
                                @FormParam("postingIds") String postingIds) {
        String a = OversightInput.required(answer, 2000, "answer", "请写明整改情况（2000 字以内）");
        List<Long> ids = OversightInput.ids(postingIds, "postingIds");
        return access.staff().flatMap(s -> rectifications.answer(s, id, a, ids)).map(r -> backTo(r));
    }

    @POST
    @Path("rectifications/{rectificationId}/close")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> close(@PathParam("rectificationId") long id, @FormParam("note") String note) {
        String n = OversightInput.optional(note, 2000, "note", "说明不能超过 2000 字");
        return access.staff().flatMap(s -> rectifications.close(s, id, n)).map(this::backTo);
    }

    @POST
    @Path("rectifications/{rectificationId}/send-back")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> sendBack(@PathParam("rectificationId") long id, @FormParam("note") String note) {
        String n = OversightInput.required(note, 2000, "note", "请写明退回的理由（2000 字以内）");
        return access.staff().flatMap(s -> rectifications.sendBack(s, id, n)).map(this::backTo);
    }

    @GET
    @Path("villages/{villageId}/shop-inspections/new")
    @RolesAllowed(Roles.OVERSIGHT)
    public Uni<TemplateInstance> checklist(@PathParam("villageId") long villageId) {
        return Uni.combine().all().unis(spotChecks.villageName(villageId), inspections.checklist(villageId)).asTuple()
                .map(t -> Templates.checklist(villageId, t.getItem1(), t.getItem2()));
    }

    /** The checklist form: per point {@code passed_<code>} (true/false), {@code note_<code>}, {@code photo_<code>}; {@code note}. */
    @POST
    @Path("villages/{villageId}/shop-inspections")
    @RolesAllowed(Roles.OVERSIGHT)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> inspect(@PathParam("villageId") long villageId, MultipartFormDataInput form) {
        Map<String, Collection<FormValue>> values = form.getValues();
        List<ShopInspections.Verdict> verdicts = new ArrayList<>();
        for (String code : ShopChecklist.POINTS.keySet()) {
            String passed = value(values, "passed_" + code);
            if (!"true".equals(passed) && !"false".equals(passed)) {
                throw OversightInput.bad("passed_" + code, "请对“" + ShopChecklist.POINTS.get(code) + "”选择合格或不合格");
            }
            verdicts.add(new ShopInspections.Verdict(code, Boolean.parseBoolean(passed),
                    OversightInput.optional(value(values, "note_" + code), 2000, "note_" + code, "说明不能超过 2000 字")));
        }
        String note = OversightInput.optional(value(values, "note"), 2000, "note", "说明不能超过 2000 字");
        Uni<Map<String, PhotoUploads.Upload>> uploads = Uni.createFrom().item(new LinkedHashMap<>());
        for (String code : ShopChecklist.POINTS.keySet()) {
            FormValue part = first(values, "photo_" + code);
            uploads = uploads.flatMap(m -> photos.readOptional(part, "photo_" + code).map(p -> {
                if (p != null) {
                    m.put(code, p);
                }
                return m;
            }));
        }
        return uploads.flatMap(ps -> access.staff().flatMap(a -> inspections.record(a, villageId, note, verdicts)
                .call(i -> {
                    Uni<?> chain = Uni.createFrom().voidItem();
                    for (var p : ps.entrySet()) {
                        chain = chain.flatMap(x -> service.pointPhoto(a, i.id(), p.getKey(), p.getValue()));
                    }
                    return chain;
                })))
                .map(i -> seeOther("/shop-inspections/" + i.id()));
    }

    @GET
    @Path("shop-inspections/{shopInspectionId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> inspection(@PathParam("shopInspectionId") long id) {
        return access.staff().flatMap(staff -> inspections.find(id).flatMap(i -> Uni.combine().all().unis(spotChecks.villageName(i.villageId()),
                        photos.of(OversightService.POINT, i.points().stream().map(ShopInspections.PointView::id).toList())).asTuple()
                .map(t -> {
                    Map<Long, List<OversightPhotos.Listed>> byPoint = new LinkedHashMap<>();
                    t.getItem2().forEach(p -> byPoint.computeIfAbsent(p.subjectId(), k -> new ArrayList<>()).add(p));
                    return Templates.inspection(i, t.getItem1(), byPoint, Can.of(staff));
                })));
    }

    private static FormValue first(Map<String, Collection<FormValue>> values, String name) {
        Collection<FormValue> c = values.get(name);
        return c == null || c.isEmpty() ? null : c.iterator().next();
    }

    private static String value(Map<String, Collection<FormValue>> values, String name) {
        FormValue v = first(values, name);
        return v == null || v.isFileItem() ? null : v.getValue();
    }

    private Response backTo(Rectifications.Rectification r) {
        return seeOther("/villages/" + r.villageId() + "/rectifications#r" + r.id());
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
