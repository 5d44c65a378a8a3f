package org.jifen.shop;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
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
import org.jifen.common.security.Access;

import java.time.LocalDate;
import java.util.List;

import static org.jifen.shop.ShopForm.*;

/** The village's redemptions over a few days (default today) with their totals, and a form to reverse one (reason required). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RedemptionListPage {

    /** Totals of the listed redemptions that stand (reversed ones left out). */
    public record Totals(int redemptions, int households, int points, int reversed) {

        static Totals of(List<RedemptionLog.Line> lines) {
            List<RedemptionLog.Line> standing = lines.stream().filter(l -> !l.reversed()).toList();
            return new Totals(standing.size(), (int) standing.stream().mapToLong(RedemptionLog.Line::householdId).distinct().count(),
                    standing.stream().mapToInt(RedemptionLog.Line::totalPoints).sum(), lines.size() - standing.size());
        }
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance redemptions(long villageId, String village, RedemptionRange range, List<RedemptionLog.Line> lines,
                                                   Totals totals, ShopRights can);
    }

    @Inject
    RedemptionLog log;

    @Inject
    RedemptionService redemptions;

    @Inject
    ShopRecords records;

    @Inject
    ShopService shop;

    @Inject
    Access access;

    @GET
    @Path("villages/{villageId}/redemptions")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> list(@PathParam("villageId") long villageId, @QueryParam("from") String from, @QueryParam("to") String to) {
        RedemptionRange range = RedemptionRange.parse(from, to, shop.today());
        return access.staff().flatMap(staff -> records.villageName(villageId).flatMap(name -> log.list(villageId, range)
                .map(lines -> Templates.redemptions(villageId, name, range, lines, Totals.of(lines), ShopRights.of(staff.role())))));
    }

    /** Reverses one redemption and returns to the list it was shown in ({@code from}, {@code to}). */
    @POST
    @Path("shop/redemptions/{redemptionId}/reverse")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reverse(@PathParam("redemptionId") long redemptionId, @FormParam("reason") String reason,
                                 @FormParam("from") String from, @FormParam("to") String to) {
        String why = required(reason, 200, "reason", "请填写撤销原因（不超过 200 字）");
        LocalDate f = date(from, "from", "日期格式有误");
        LocalDate t = date(to, "to", "日期格式有误");
        String query = f == null || t == null ? "" : "?from=" + f + "&to=" + t;
        return access.staff().flatMap(actor -> redemptions.reverse(actor, redemptionId, why))
                .map(r -> seeOther("/villages/" + r.villageId() + "/redemptions" + query));
    }
}
