package org.jifen.shop;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.Access;
import org.jifen.wechat.JsSdk;

import java.util.Optional;

import static org.jifen.common.security.Role.*;

/** Pages of the village shop: the clerk's redemption screen, goods and stock with warnings, shelf labels. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ShopPage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance redeem(String card, Long villageId, JsSdk.Config wx);

        static native TemplateInstance overview(long villageId, String village, java.util.List<ShopService.GoodsView> goods,
                                                ShopService.Warnings warnings, ShopService.Settings settings);

        static native TemplateInstance labels(String village, java.util.List<ShopService.GoodsView> goods);
    }

    @Inject
    Access access;

    @Inject
    JsSdk jsSdk;

    @Inject
    JifenConfig config;

    @Inject
    ShopService shop;

    @Inject
    Pool pool;

    /** The clerk's redemption screen; {@code card} pre-fills a scanned card (from {@code /c/{token}}). */
    @GET
    @Path("shop/redeem")
    @RolesAllowed({TOWN_ADMIN_, OFFICER_, CLERK_})
    public Uni<TemplateInstance> redeem(@QueryParam("card") String card, RoutingContext context) {
        String ua = context.request().getHeader("User-Agent");
        boolean weChat = ua != null && ua.contains("MicroMessenger");
        String base = config.publicBaseUrl().replaceAll("/+$", "");
        String query = context.request().query();
        String pageUrl = base + "/shop/redeem" + (query == null ? "" : "?" + query);
        Uni<Optional<JsSdk.Config>> wx = weChat ? jsSdk.configFor(pageUrl).onFailure().recoverWithItem(Optional.empty())
                : Uni.createFrom().item(Optional.empty());
        return access.staff().flatMap(staff -> wx.map(c -> Templates.redeem(card == null ? "" : card, staff.villageId(), c.orElse(null))));
    }

    @GET
    @Path("villages/{villageId}/shop")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, CLERK_})
    public Uni<TemplateInstance> overview(@PathParam("villageId") long villageId) {
        return villageName(villageId).flatMap(name -> shop.goods(villageId).flatMap(goods -> shop.warnings(villageId, null)
                .flatMap(w -> shop.settings(villageId).map(s -> Templates.overview(villageId, name, goods, w, s)))));
    }

    @GET
    @Path("villages/{villageId}/shop/labels")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, CLERK_})
    public Uni<TemplateInstance> labels(@PathParam("villageId") long villageId) {
        return villageName(villageId).flatMap(name -> shop.goods(villageId).map(goods -> Templates.labels(name, goods)));
    }

    Uni<String> villageName(long villageId) {
        return pool.preparedQuery("SELECT name FROM village WHERE id = $1").execute(Tuple.of(villageId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw DomainException.notFound("该村（社区）");
            }
            return rows.iterator().next().getString(0);
        });
    }
}
