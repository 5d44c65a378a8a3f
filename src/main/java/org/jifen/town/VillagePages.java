package org.jifen.town;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;


/** The village list town roles land on (its figures come from the workspace); a TOWN_ADMIN also creates villages and staff here. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class VillagePages {

    public record VillageRow(long id, String code, String name, String kind, long households) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance villages(List<VillageRow> villages, boolean townAdmin, boolean townScoped,
                                                List<Map.Entry<String, String>> roles, String error, String ok);
    }


    static final Map<String, String> OK_TEXT = Map.of("village", "已创建村（社区）", "staff", "已创建工作人员账号");

    @Inject
    VillageService villages;

    @Inject
    StaffService staff;

    @Inject
    Access access;

    @Inject
    Pool pool;

    @Inject
    Validator validator;

    @GET
    @Path("villages")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> list(@QueryParam("error") String error, @QueryParam("ok") String ok) {
        return access.staff().flatMap(me -> villages.visibleTo(me).flatMap(list -> counts(list).map(counts -> Templates.villages(
                list.stream().map(v -> new VillageRow(v.id(), v.code(), v.name(), v.kind(), counts.getOrDefault(v.id(), 0L))).toList(),
                me.role() == Role.TOWN_ADMIN, me.townScoped(), List.copyOf(Role.labels().entrySet()), error, ok == null ? null : OK_TEXT.get(ok)))));
    }

    private Uni<Map<Long, Long>> counts(List<Village> list) {
        Long[] ids = list.stream().map(Village::id).toArray(Long[]::new);
        return Sql.list(pool, """
                        SELECT village_id, count(*) AS households FROM household
                         WHERE village_id = ANY ($1) AND status = 'ACTIVE' GROUP BY village_id""",
                        Sql.args((Object) ids), r -> Map.entry(r.getLong("village_id"), r.getLong("households")))
                .map(rows -> rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @POST
    @Path("villages")
    @RolesAllowed(Roles.TOWN_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createVillage(@FormParam("code") String code, @FormParam("name") String name, @FormParam("kind") String kind) {
        var request = new VillageResource.VillageRequest(trim(code), trim(name), kind == null || kind.isBlank() ? null : kind);
        return guarded(() -> {
            check(request);
            return access.staff().flatMap(actor -> villages.create(actor, request.code(), request.name(), request.kind()))
                    .map(v -> redirect("/villages?ok=village"));
        });
    }

    @POST
    @Path("staff")
    @RolesAllowed(Roles.TOWN_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createStaff(@FormParam("username") String username, @FormParam("password") String password,
                                     @FormParam("displayName") String displayName, @FormParam("role") String role,
                                     @FormParam("villageId") String villageId) {
        return guarded(() -> {
            Role r;
            try {
                r = Role.valueOf(trim(role));
            } catch (IllegalArgumentException e) {
                throw new DomainException(400, "request.invalid", "请选择角色");
            }
            Long village = villageId == null || villageId.isBlank() ? null : Long.valueOf(villageId.trim());
            var request = new StaffResource.StaffRequest(trim(username), password == null ? "" : password, trim(displayName), r, village);
            check(request);
            return access.staff().flatMap(actor -> staff.create(actor, request.username(), request.password(), request.displayName(),
                    request.role(), request.villageId())).map(s -> redirect("/villages?ok=staff"));
        });
    }

    private Uni<Response> guarded(java.util.function.Supplier<Uni<Response>> action) {
        Uni<Response> run;
        try {
            run = action.get();
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        return run.onFailure(e -> e instanceof DomainException de && de.status() != 403 || e instanceof NumberFormatException)
                .recoverWithItem(e -> redirect("/villages?error=" + java.net.URLEncoder.encode(
                        e instanceof DomainException de ? (de.getMessage() == null || de.getMessage().equals(de.title())
                                ? de.title() : de.title() + "：" + de.getMessage()) : "请求内容有误",
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    private <T> void check(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new DomainException(400, "request.invalid", "请求内容有误", violations.stream()
                    .map(v -> v.getPropertyPath() + "：" + v.getMessage()).sorted().collect(Collectors.joining("；")));
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
