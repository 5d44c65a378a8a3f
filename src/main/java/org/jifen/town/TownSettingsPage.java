package org.jifen.town;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The town's settings page (镇级设置): every group features declare, as a form for the town admin, read-only for inspectors. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TownSettingsPage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance settings(TownSettingsResource.SettingsView view, boolean mayChange, String error, boolean saved);
    }

    @Inject
    TownSettingsResource api;

    @Inject
    TownSettings settings;

    @Inject
    Access access;

    @GET
    @Path("town/settings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> page(@QueryParam("error") String error, @QueryParam("ok") String ok) {
        return access.staff().flatMap(s -> api.get().map(view -> Templates.settings(view, s.role() == Role.TOWN_ADMIN,
                error == null || error.isBlank() ? null : error, "1".equals(ok))));
    }

    /** Saves the values that changed; a refused value comes back as a message and nothing is saved. */
    @POST
    @Path("town/settings")
    @RolesAllowed(Roles.TOWN_ADMINS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> save(RoutingContext ctx) {
        // The form's fields are the settings' names, so no @FormParam can list them: read the form RequestGuard parsed
        // (a MultivaluedMap body parameter would wait for a body already read there, and the request would hang).
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (var e : ctx.request().formAttributes().entries()) {
            String raw = e.getValue() == null ? "" : e.getValue().trim();
            TownSetting setting = settings.find(e.getKey()).orElse(null);
            if (setting == null) {
                continue;
            }
            try {
                BigDecimal value = new BigDecimal(raw);
                if (TownSettingsResource.wholeNumbers(setting) && value.stripTrailingZeros().scale() > 0) {
                    return back(setting.label() + "：应为整数");
                }
                if (!setting.allows(value)) {
                    return back(setting.label() + "：应在 " + setting.min().toPlainString() + " 到 " + setting.max().toPlainString() + " 之间");
                }
                values.put(setting.name(), value);
            } catch (NumberFormatException ex) {
                return back(setting.label() + "：请填写数字");
            }
        }
        return access.staff().flatMap(s -> api.change(s, values))
                .map(v -> Response.seeOther(URI.create("/town/settings?ok=1")).build())
                .onFailure(e -> e instanceof DomainException de && de.status() == 400)
                .recoverWithItem(e -> redirect(((DomainException) e).title() + "：" + e.getMessage()));
    }

    private static Uni<Response> back(String error) {
        return Uni.createFrom().item(redirect(error));
    }

    private static Response redirect(String error) {
        return Response.seeOther(URI.create("/town/settings?error=" + URLEncoder.encode(error, StandardCharsets.UTF_8))).build();
    }
}
