package org.jifen.household;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
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
import org.jifen.audit.AuditResource;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.town.Village;
import org.jifen.town.VillageService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;


/** Staff pages for a village's households: list and search, detail and edit, roster import, audit trail. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HouseholdPages {

    public record DetailView(long id, long villageId, String number, String headName, String phone, String group,
                             String status, List<String> tags) {
    }

    public record TrailRow(String at, String actor, String action, String entity, String entityId, String before, String after) {
    }

    public record TrailPage(List<TrailRow> items, long total, int page, int size) {
        public boolean hasNext() {
            return (long) page * size < total;
        }
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(Village village, HouseholdService.Page<HouseholdService.ListItem> result,
                                            String q, String group, String tag, String status, List<String> groups,
                                            List<String> tags, List<Map.Entry<String, String>> statuses,
                                            Map<String, String> statusNames, String pageLink, boolean canWrite,
                                            boolean canAudit, String error);

        static native TemplateInstance detail(Village village, DetailView h, int availablePoints, int earnedThisYear,
                                              List<Member> members, List<String> tagChoices,
                                              List<Map.Entry<String, String>> statuses, Map<String, String> statusNames,
                                              boolean canWrite, String error, String ok);

        static native TemplateInstance importPage(Village village, HouseholdImport.Result result, String uploadId, String error);

        static native TemplateInstance audit(Village village, TrailPage trail, String actor, String actorQuery);
    }

    static final Map<String, String> STATUS_NAMES = new LinkedHashMap<>();

    static {
        STATUS_NAMES.put("ACTIVE", "在册");
        STATUS_NAMES.put("MOVED_OUT", "已迁出");
        STATUS_NAMES.put("ARCHIVED", "已归档");
    }

    static final Map<String, String> OK_TEXT = Map.of("saved", "已保存", "created", "已新增农户", "member", "已更新家庭成员",
            "status", "状态已变更");

    @Inject
    HouseholdService households;

    @Inject
    HouseholdImport imports;

    @Inject
    VillageService villages;

    @Inject
    AuditResource auditTrail;

    @Inject
    Access access;

    @Inject
    Validator validator;

    @Inject
    Vertx vertx;

    static boolean canWrite(StaffPrincipal s) {
        return s.role() == Role.TOWN_ADMIN || s.role() == Role.SECRETARY || s.role() == Role.OFFICER;
    }

    static boolean canAudit(StaffPrincipal s) {
        return canWrite(s) || s.role() == Role.INSPECTOR;
    }

    @GET
    @Path("villages/{villageId}/households")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> list(@PathParam("villageId") long villageId, @QueryParam("q") String q,
                                      @QueryParam("group") String group, @QueryParam("tag") String tag,
                                      @QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") String pageParam,
                                      @QueryParam("error") String error) {
        int page = Math.max(1, Math.min(100_000, parseInt(pageParam)));
        String st = status != null && STATUS_NAMES.containsKey(status) ? status : null;
        return access.staff().flatMap(staff -> villages.get(villageId).flatMap(village -> households.facets(villageId)
                .flatMap(facets -> households.search(villageId, new HouseholdService.Search(q, group, tag, st, page, 20))
                        .map(result -> Templates.list(village, result, nz(q), nz(group), nz(tag), nz(st), facets.get("groups"),
                                facets.get("tags"), List.copyOf(STATUS_NAMES.entrySet()), STATUS_NAMES,
                                "/villages/" + villageId + "/households?q=" + enc(q) + "&group=" + enc(group) + "&tag=" + enc(tag)
                                        + "&status=" + enc(st) + "&page=",
                                canWrite(staff), canAudit(staff), error)))));
    }

    @POST
    @Path("villages/{villageId}/households")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@PathParam("villageId") long villageId, @FormParam("number") String number,
                                @FormParam("headName") String headName, @FormParam("phone") String phone,
                                @FormParam("group") String group) {
        String back = "/villages/" + villageId + "/households";
        var request = new HouseholdResource.HouseholdRequest(nz(number).trim(), nz(headName).trim(),
                HouseholdResource.blankToNull(phone), HouseholdResource.blankToNull(group), null, null);
        return guarded(back, () -> {
            check(request);
            return access.staff().flatMap(actor -> households.create(actor, villageId, request.number(), request.headName(),
                            request.phone(), request.group(), List.of(), List.of()))
                    .map(h -> redirect("/households/" + h.id() + "?ok=created"));
        });
    }

    @GET
    @Path("households/{householdId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> detail(@PathParam("householdId") long householdId, @QueryParam("error") String error,
                                        @QueryParam("ok") String ok) {
        return access.staff().flatMap(staff -> households.detail(householdId).flatMap(d -> {
            Household h = d.household();
            List<String> tags = h.tags();
            List<String> choices = new ArrayList<>(HouseholdService.SUGGESTED_TAGS);
            tags.stream().filter(t -> !choices.contains(t)).forEach(choices::add);
            DetailView view = new DetailView(h.id(), h.villageId(), h.number(), h.headName(), h.phone(), h.group(), h.status(), tags);
            return villages.get(h.villageId()).flatMap(village -> households.members(householdId)
                    .map(members -> Templates.detail(village, view, d.availablePoints(), d.earnedThisYear(), members, choices,
                            List.copyOf(STATUS_NAMES.entrySet()), STATUS_NAMES, canWrite(staff), error,
                            ok == null ? null : OK_TEXT.get(ok))));
        }));
    }

    @POST
    @Path("households/{householdId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> update(@PathParam("householdId") long householdId, @FormParam("number") String number,
                                @FormParam("headName") String headName, @FormParam("phone") String phone,
                                @FormParam("group") String group, @FormParam("tag") List<String> tag,
                                @FormParam("otherTags") String otherTags) {
        String back = "/households/" + householdId;
        return guarded(back, () -> {
            List<String> tags = new ArrayList<>(tag == null ? List.of() : tag);
            Roster.parseTags(nz(otherTags)).stream().filter(t -> !tags.contains(t)).forEach(tags::add);
            var request = new HouseholdResource.HouseholdUpdate(nz(number).trim(), nz(headName).trim(),
                    HouseholdResource.blankToNull(phone), HouseholdResource.blankToNull(group), HouseholdResource.tags(tags));
            check(request);
            return access.staff().flatMap(actor -> households.update(actor, householdId, request.number(), request.headName(),
                    request.phone(), request.group(), request.tags())).map(h -> redirect(back + "?ok=saved"));
        });
    }

    @POST
    @Path("households/{householdId}/members")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addMember(@PathParam("householdId") long householdId, @FormParam("name") String name,
                                   @FormParam("relation") String relation) {
        String back = "/households/" + householdId;
        var request = new HouseholdResource.MemberRequest(nz(name).trim(), HouseholdResource.blankToNull(relation));
        return guarded(back, () -> {
            check(request);
            return access.staff().flatMap(actor -> households.addMember(actor, householdId, request.name(), request.relation()))
                    .map(m -> redirect(back + "?ok=member"));
        });
    }

    @POST
    @Path("households/{householdId}/members/{memberId}/delete")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> removeMember(@PathParam("householdId") long householdId, @PathParam("memberId") long memberId) {
        String back = "/households/" + householdId;
        return guarded(back, () -> access.staff().flatMap(actor -> households.removeMember(actor, householdId, memberId))
                .map(x -> redirect(back + "?ok=member")));
    }

    @POST
    @Path("households/{householdId}/archive")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> archive(@PathParam("householdId") long householdId, @FormParam("status") String status,
                                 @FormParam("reason") String reason) {
        String back = "/households/" + householdId;
        return guarded(back, () -> {
            if (status == null || !STATUS_NAMES.containsKey(status)) {
                throw new DomainException(400, "request.invalid", "请选择状态");
            }
            if (!"ACTIVE".equals(status) && (reason == null || reason.isBlank())) {
                throw new DomainException(400, "request.invalid", "请填写迁出或归档原因");
            }
            return access.staff().flatMap(actor -> households.setStatus(actor, householdId, status, HouseholdResource.blankToNull(reason)))
                    .map(h -> redirect(back + "?ok=status"));
        });
    }

    @GET
    @Path("villages/{villageId}/households/import")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<TemplateInstance> importForm(@PathParam("villageId") long villageId) {
        return villages.get(villageId).map(v -> Templates.importPage(v, null, null, null));
    }

    /** Dry run of an uploaded roster: the file is kept for the confirm button, the result shown row by row. */
    @POST
    @Path("villages/{villageId}/households/import")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<TemplateInstance> importCheck(@PathParam("villageId") long villageId, @RestForm("file") FileUpload file) {
        return villages.get(villageId).flatMap(village -> access.staff().flatMap(actor -> {
            if (file == null || file.uploadedFile() == null) {
                return Uni.createFrom().item(Templates.importPage(village, null, null, "请选择要上传的名册文件"));
            }
            if (file.size() > HouseholdImport.MAX_BYTES) {
                return Uni.createFrom().item(Templates.importPage(village, null, null, "文件过大（最大 5 MB）"));
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                        try {
                            return Files.readAllBytes(file.uploadedFile());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }))
                    .flatMap(bytes -> imports.run(actor, villageId, bytes, null, true, file.fileName())
                            .flatMap(result -> result.errors().isEmpty()
                                    ? imports.keepUpload(actor, villageId, file.fileName(), file.contentType(), bytes)
                                    .map(id -> Templates.importPage(village, result, id.toString(), null))
                                    : Uni.createFrom().item(Templates.importPage(village, result, null, null))))
                    .onFailure(DomainException.class).recoverWithItem(e -> Templates.importPage(village, null, null, message((DomainException) e)));
        }));
    }

    @POST
    @Path("villages/{villageId}/households/import/{uploadId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<TemplateInstance> importConfirm(@PathParam("villageId") long villageId, @PathParam("uploadId") String uploadId) {
        UUID id;
        try {
            id = UUID.fromString(uploadId);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("该上传文件");
        }
        return villages.get(villageId).flatMap(village -> access.staff().flatMap(actor -> imports.upload(actor, villageId, id)
                .flatMap(upload -> imports.run(actor, villageId, upload.content(), null, false, upload.fileName()))
                .call(result -> result.errors().isEmpty() ? imports.forgetUpload(id) : Uni.createFrom().voidItem())
                .map(result -> Templates.importPage(village, result, null, null))
                .onFailure(DomainException.class).recoverWithItem(e -> Templates.importPage(village, null, null, message((DomainException) e)))));
    }

    @GET
    @Path("villages/{villageId}/audit")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<TemplateInstance> audit(@PathParam("villageId") long villageId, @QueryParam("page") @DefaultValue("1") String pageParam,
                                       @QueryParam("actor") String actorParam) {
        int page = Math.max(1, Math.min(100_000, parseInt(pageParam)));
        String actor = actorParam == null || actorParam.isBlank() ? null : actorParam.trim();
        String actorQuery = actor == null ? "" : "&actor=" + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        return villages.get(villageId).flatMap(village -> auditTrail.read(villageId, null, null, actor, page, 50)
                .map(p -> new TrailPage(p.items().stream().map(e -> new TrailRow(
                        e.at().atZoneSameInstant(ChinaTime.ZONE).format(f), e.actor(), e.action(), e.entity(), e.entityId(),
                        brief(e.before()), brief(e.after()))).toList(), p.total(), p.page(), p.size()))
                .map(trail -> Templates.audit(village, trail, actor, actorQuery)));
    }

    private static String brief(Map<String, Object> image) {
        if (image == null) {
            return "";
        }
        return image.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("，"));
    }

    /** Runs a form action; a refusal comes back to {@code back} as a readable message. */
    private Uni<Response> guarded(String back, java.util.function.Supplier<Uni<Response>> action) {
        Uni<Response> run;
        try {
            run = action.get();
        } catch (DomainException | IllegalArgumentException e) {
            run = Uni.createFrom().failure(e);
        }
        return run.onFailure(e -> e instanceof DomainException || e instanceof IllegalArgumentException)
                .recoverWithItem(e -> {
                    String text = e instanceof DomainException de ? message(de) : e.getMessage();
                    if (e instanceof DomainException de && (de.status() == 403 || de.status() == 404)) {
                        throw de;
                    }
                    return redirect(back + (back.contains("?") ? "&" : "?") + "error=" + enc(text));
                });
    }

    private <T> void check(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            String text = violations.stream().map(v -> label(v.getPropertyPath().toString()) + "：" + v.getMessage())
                    .sorted().collect(Collectors.joining("；"));
            throw new DomainException(400, "request.invalid", "请求内容有误", text);
        }
    }

    private static String label(String field) {
        String f = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        f = f.replaceAll("\\[.*", "");
        return switch (f) {
            case "number" -> "户号";
            case "headName" -> "户主";
            case "phone" -> "联系电话";
            case "group" -> "村民小组";
            case "tags" -> "标签";
            case "name" -> "姓名";
            case "relation" -> "关系";
            default -> f;
        };
    }

    static String message(DomainException e) {
        return e.getMessage() == null || e.getMessage().equals(e.title()) ? e.title() : e.title() + "：" + e.getMessage();
    }

    static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    static String enc(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
