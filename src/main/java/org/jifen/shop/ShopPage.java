package org.jifen.shop;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
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
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.Access;
import org.jifen.wechat.JsSdk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;


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

        static native TemplateInstance labels(long villageId, String village, java.util.List<ShopService.GoodsView> goods);
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

    @Inject
    LabelPrints labelPrints;


    /** The clerk's redemption screen; {@code card} pre-fills a scanned card (from {@code /c/{token}}). */
    @GET
    @Path("shop/redeem")
    @RolesAllowed(Roles.REDEEMERS)
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
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> overview(@PathParam("villageId") long villageId, @QueryParam("goodsName") String goodsName) {
        // goodsName pre-fills the new-goods form (a link from the survey ranking: 上架商品)
        String prefill = goodsName == null ? "" : goodsName.strip().substring(0, Math.min(64, goodsName.strip().length()));
        return access.staff().flatMap(staff -> villageName(villageId).flatMap(name -> Uni.combine().all()
                .unis(shop.goods(villageId), shop.warnings(villageId, null), shop.settings(villageId), records.otherVillages(villageId),
                        records.photoVersions(villageId), records.recentWriteOffs(villageId), records.recentTransfers(villageId))
                .asTuple().map(t -> Templates.overview(villageId, name, t.getItem1(), t.getItem2(), t.getItem3(),
                        ShopRights.of(staff.role()), t.getItem4(), t.getItem5(), t.getItem6(), t.getItem7()).data("goodsName", prefill))));
    }

    /** Form: a new kind of goods with its point price. */
    @POST
    @Path("villages/{villageId}/shop/goods")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addGoods(@PathParam("villageId") long villageId, @FormParam("name") String name,
                                  @FormParam("category") String category, @FormParam("unit") String unit,
                                  @FormParam("pointsPrice") String pointsPrice) {
        var goods = new ShopService.NewGoods(ShopForm.required(name, 64, "name", "请填写商品名称（64 字以内）"),
                ShopForm.optional(category, 32, "category", "类别请在 32 字以内"),
                ShopForm.required(unit, 16, "unit", "请填写单位（如 袋、瓶、个）"),
                ShopForm.number(pointsPrice, 1, 1_000_000, "pointsPrice", "积分价请填写整数（至少 1 分）"));
        return access.staff().flatMap(actor -> shop.createGoods(actor, villageId, goods))
                .map(g -> ShopForm.seeOther("/villages/" + villageId + "/shop"));
    }

    /** Form: one purchased batch (采购入库) of existing goods; cost in yuan, expiry optional. */
    @POST
    @Path("villages/{villageId}/shop/purchases")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addPurchase(@PathParam("villageId") long villageId, @FormParam("supplier") String supplier,
                                     @FormParam("purchasedOn") String purchasedOn, @FormParam("goodsId") String goodsId,
                                     @FormParam("quantity") String quantity, @FormParam("unitCostYuan") String unitCostYuan,
                                     @FormParam("expiresOn") String expiresOn) {
        String from = ShopForm.required(supplier, 100, "supplier", "请填写供货方");
        LocalDate on = ShopForm.date(ShopForm.required(purchasedOn, 10, "purchasedOn", "请填写采购日期"),
                "purchasedOn", "采购日期请填写日期（如 2026-11-01）");
        var item = new ShopService.PurchaseItem(ShopForm.id(goodsId, "goodsId", "请选择商品"),
                ShopForm.number(quantity, 1, 1_000_000, "quantity", "数量请填写整数（至少 1）"),
                cents(unitCostYuan), ShopForm.date(expiresOn, "expiresOn", "保质期请填写日期（如 2027-06-30）"));
        return access.staff().flatMap(actor -> shop.purchase(actor, villageId, from, on, List.of(item)))
                .map(p -> ShopForm.seeOther("/villages/" + villageId + "/shop"));
    }

    /** A unit cost in yuan with at most two decimals ("45.5"), in cents. */
    private static int cents(String yuan) {
        try {
            int cents = new BigDecimal(ShopForm.required(yuan, 12, "unitCostYuan", "")).movePointRight(2).intValueExact();
            if (cents >= 0) {
                return cents;
            }
        } catch (ArithmeticException | NumberFormatException | DomainException e) {
            // answered below
        }
        throw ShopForm.bad("unitCostYuan", "单价请填写金额（元，最多两位小数，如 45.50）");
    }

    @GET
    @Path("villages/{villageId}/shop/labels")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> labels(@PathParam("villageId") long villageId) {
        // the page is the print view: opening it records the prices printed (an inspector only looks, nothing is recorded)
        return access.staff().flatMap(staff -> villageName(villageId).flatMap(name -> shop.goods(villageId)
                .call(goods -> staff.role() == org.jifen.common.security.Role.INSPECTOR ? Uni.createFrom().voidItem() : labelPrints.record(staff, villageId, goods))
                .map(goods -> Templates.labels(villageId, name, goods))));
    }

    Uni<String> villageName(long villageId) {
        return records.villageName(villageId);
    }
}
