package org.jifen.county;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;
import org.jifen.town.StaffService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jifen.dashboard.CountyDashboard;
import org.jifen.dashboard.TownDashboard;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The county page (县级): every town with its counts, a form to create a town and one to create a town's admin. */
@Path("/county")
@Produces(MediaType.TEXT_HTML)
public class CountyPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance county(List<CountyService.TownFigures> towns, String error, String ok);

        static native TemplateInstance dashboard(CountyDashboard.County county);
    }

    static final Map<String, String> OK_TEXT = Map.of("town", "已创建镇", "staff", "已创建镇管理员账号");

    @Inject
    CountyService county;

    @Inject
    CountyDashboard countyDashboard;

    @Inject
    TownDashboard townDashboard;

    @Inject
    StaffService staff;

    @Inject
    Access access;

    @Inject
    Validator validator;

    @GET
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<TemplateInstance> page(@QueryParam("error") String error, @QueryParam("ok") String ok) {
        return county.figures().map(towns -> Templates.county(towns, error, ok == null ? null : OK_TEXT.get(ok)));
    }

    /** Each town's figures of the year side by side: the roll-up of the town dashboards. */
    @GET
    @Path("dashboard")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<TemplateInstance> dashboard(@QueryParam("year") String year) {
        return countyDashboard.of(townDashboard.year(year)).map(Templates::dashboard);
    }

    @POST
    @Path("towns")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createTown(@FormParam("name") String name) {
        return guarded(() -> {
            var request = new CountyResource.TownRequest(trim(name));
            check(request);
            return access.staff().flatMap(actor -> county.createTown(actor, request.name())).map(t -> redirect("/county?ok=town"));
        });
    }

    @POST
    @Path("towns/{townId}/staff")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createTownAdmin(@PathParam("townId") long townId, @FormParam("username") String username,
                                         @FormParam("password") String password, @FormParam("displayName") String displayName) {
        return guarded(() -> {
            var request = new CountyResource.TownStaffRequest(trim(username), password == null ? "" : password, trim(displayName),
                    Role.TOWN_ADMIN);
            check(request);
            return access.staff().flatMap(actor -> staff.createInTown(actor, townId, request.username(), request.password(),
                    request.displayName(), Role.TOWN_ADMIN)).map(s -> redirect("/county?ok=staff"));
        });
    }

    private Uni<Response> guarded(Supplier<Uni<Response>> action) {
        Uni<Response> run;
        try {
            run = action.get();
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        return run.onFailure(e -> e instanceof DomainException de && de.status() != 403)
                .recoverWithItem(e -> {
                    DomainException de = (DomainException) e;
                    String text = de.getMessage() == null || de.getMessage().equals(de.title()) ? de.title() : de.title() + "：" + de.getMessage();
                    return redirect("/county?error=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
                });
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

    private static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
