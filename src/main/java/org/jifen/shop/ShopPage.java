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
import jakarta.ws.rs.POST;
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

    /** Form: a new kind of goods with its point price. */
    @POST
    @Path("villages/{villageId}/shop/goods")
    @RolesAllowed({TOWN_ADMIN_, OFFICER_})
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<jakarta.ws.rs.core.Response> addGoods(@PathParam("villageId") long villageId, @jakarta.ws.rs.FormParam("name") String name,
                                                     @jakarta.ws.rs.FormParam("category") String category,
                                                     @jakarta.ws.rs.FormParam("unit") String unit,
                                                     @jakarta.ws.rs.FormParam("pointsPrice") Integer pointsPrice) {
        if (blank(name) || blank(unit) || pointsPrice == null || pointsPrice < 1 || name.length() > 64 || unit.length() > 16) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请填写商品名称、单位和积分价（至少 1 分）",
                    java.util.List.of("name", "unit", "pointsPrice")));
        }
        return access.staff().flatMap(actor -> shop.createGoods(actor, villageId,
                        new ShopService.NewGoods(name.trim(), blank(category) ? null : category.trim(), unit.trim(), pointsPrice)))
                .map(g -> backToShop(villageId));
    }

    /** Form: one purchased batch (采购入库) of existing goods; cost in yuan, expiry optional. */
    @POST
    @Path("villages/{villageId}/shop/purchases")
    @RolesAllowed({TOWN_ADMIN_, OFFICER_})
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<jakarta.ws.rs.core.Response> addPurchase(@PathParam("villageId") long villageId,
                                                        @jakarta.ws.rs.FormParam("supplier") String supplier,
                                                        @jakarta.ws.rs.FormParam("purchasedOn") String purchasedOn,
                                                        @jakarta.ws.rs.FormParam("goodsId") Long goodsId,
                                                        @jakarta.ws.rs.FormParam("quantity") Integer quantity,
                                                        @jakarta.ws.rs.FormParam("unitCostYuan") String unitCostYuan,
                                                        @jakarta.ws.rs.FormParam("expiresOn") String expiresOn) {
        int cents;
        try {
            cents = new java.math.BigDecimal(unitCostYuan.trim()).movePointRight(2).intValueExact();
        } catch (RuntimeException e) {
            cents = -1;
        }
        if (blank(supplier) || goodsId == null || quantity == null || quantity < 1 || cents < 0 || blank(purchasedOn)) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请填写供货方、日期、商品、数量和单价（元）",
                    java.util.List.of("supplier", "purchasedOn", "goodsId", "quantity", "unitCostYuan")));
        }
        var item = new ShopService.PurchaseItem(goodsId, quantity, cents, blank(expiresOn) ? null : java.time.LocalDate.parse(expiresOn.trim()));
        return access.staff().flatMap(actor -> shop.purchase(actor, villageId, supplier.trim(), java.time.LocalDate.parse(purchasedOn.trim()),
                        java.util.List.of(item)))
                .map(p -> backToShop(villageId));
    }

    private static jakarta.ws.rs.core.Response backToShop(long villageId) {
        return jakarta.ws.rs.core.Response.seeOther(java.net.URI.create("/villages/" + villageId + "/shop")).build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
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
