package org.jifen.wechat;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;


/**
 * Staff page of a household's WeChat bindings ({@code /households/{id}/wechat}, linked from the household page):
 * label, masked openid, bound at, last login; officers, secretaries and the town admin can remove one (a stranger
 * who bound WeChat with a lost card), which ends the portal sessions that came from it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BindingPages {

    public record Household(long id, long villageId, String villageName, String number, String headName) {
    }

    public record Line(long id, String label, String openidMasked, String boundAt, String lastLoginAt) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance bindings(Household h, List<Line> bindings, boolean canWrite, boolean removed);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    Bindings bindings;

    @Inject
    Access access;

    @Inject
    Pool pool;

    @GET
    @Path("households/{householdId}/wechat")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<TemplateInstance> page(@PathParam("householdId") long householdId, @QueryParam("ok") String ok) {
        return access.staff().flatMap(staff -> household(householdId).flatMap(h -> bindings.list(householdId)
                .map(list -> Templates.bindings(h, list.stream().map(b -> new Line(b.id(), b.label(), b.openidMasked(),
                                time(b.createdAt()), time(b.lastLoginAt()))).toList(),
                        staff.role() != Role.INSPECTOR, ok != null))));
    }

    @POST
    @Path("households/{householdId}/wechat/{bindingId}/unbind")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> unbind(@PathParam("householdId") long householdId, @PathParam("bindingId") long bindingId) {
        return access.staff().flatMap(actor -> bindings.unbind(actor, householdId, bindingId))
                .map(x -> Response.seeOther(URI.create("/households/" + householdId + "/wechat?ok=removed")).build());
    }

    private Uni<Household> household(long householdId) {
        return Sql.one(pool, """
                        SELECT h.id, h.village_id, v.name, h.number, h.head_name
                          FROM household h JOIN village v ON v.id = h.village_id WHERE h.id = $1""",
                Sql.args(householdId), "该农户", r -> new Household(r.getLong("id"), r.getLong("village_id"), r.getString("name"),
                        r.getString("number"), r.getString("head_name")));
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(ChinaTime.ZONE).format(TIME);
    }
}
