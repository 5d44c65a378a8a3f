package org.jifen.shop;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
                                                ShopService.Warnings warnings, ShopService.Settings settings, ShopRights can,
                                                java.util.List<ShopRecords.VillageChoice> villages, java.util.Map<Long, String> photos,
                                                java.util.List<ShopRecords.WriteOffLine> writeOffs,
                                                java.util.List<ShopRecords.TransferLine> transfers);

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
    ShopRecords records;


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
        return access.staff().flatMap(staff -> villageName(villageId).flatMap(name -> Uni.combine().all()
                .unis(shop.goods(villageId), shop.warnings(villageId, null), shop.settings(villageId), records.otherVillages(villageId),
                        records.photoVersions(villageId), records.recentWriteOffs(villageId), records.recentTransfers(villageId))
                .asTuple().map(t -> Templates.overview(villageId, name, t.getItem1(), t.getItem2(), t.getItem3(),
                        ShopRights.of(staff.role()), t.getItem4(), t.getItem5(), t.getItem6(), t.getItem7()))));
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
        var item = new ShopService.PurchaseItem(goodsId, quantity, cents, ShopForm.date(expiresOn, "expiresOn", "保质期请填写日期（如 2027-06-30）"));
        java.time.LocalDate on = ShopForm.date(purchasedOn, "purchasedOn", "采购日期请填写日期（如 2026-11-01）");
        return access.staff().flatMap(actor -> shop.purchase(actor, villageId, supplier.trim(), on, java.util.List.of(item)))
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
        return records.villageName(villageId);
    }
}
