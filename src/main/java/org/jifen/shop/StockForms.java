package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import static org.jifen.shop.ShopForm.*;

/**
 * Forms of the shop overview about stock: write-off of a batch (报损, reason required), transfer to another village of the
 * town (调拨) and the shop settings. Each posts once, writes in one transaction and answers 303 back to the page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StockForms {

    @Inject
    ShopService shop;


    @Inject
    Access access;

    /** {@code back=goods} returns to the goods page, anything else to the shop overview. */
    @POST
    @Path("shop/batches/{batchId}/write-off")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> writeOff(@PathParam("batchId") long batchId, @FormParam("quantity") String quantity,
                                  @FormParam("reason") String reason, @FormParam("back") String back) {
        int q = number(quantity, 1, 1_000_000_000, "quantity", "请填写报损数量（至少 1）");
        String why = required(reason, 200, "reason", "请填写报损原因（不超过 200 字），报损不能没有原因");
        return access.staff().flatMap(actor -> shop.writeOff(actor, batchId, q, why))
                .map(b -> seeOther("goods".equals(back) ? "/shop/goods/" + b.goodsId() : "/villages/" + b.villageId() + "/shop"));
    }

    @POST
    @Path("villages/{villageId}/shop/transfers")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> transfer(@PathParam("villageId") long villageId, @FormParam("goodsId") String goodsId,
                                  @FormParam("toVillageId") String toVillageId, @FormParam("quantity") String quantity) {
        long goods = id(goodsId, "goodsId", "请选择要调拨的商品");
        long to = id(toVillageId, "toVillageId", "请选择调入的村（社区）");
        int q = number(quantity, 1, 1_000_000_000, "quantity", "请填写调拨数量（至少 1）");
        return access.staff().flatMap(actor -> shop.transfer(actor, villageId, goods, to, q))
                .map(t -> seeOther("/villages/" + villageId + "/shop"));
    }

    @POST
    @Path("villages/{villageId}/shop/settings")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> settings(@PathParam("villageId") long villageId, @FormParam("mode") String mode,
                                  @FormParam("lowStockThreshold") String lowStock, @FormParam("expiryWarningDays") String expiryDays) {
        if (!"days".equals(mode) && !"every".equals(mode)) {
            throw bad("mode", "请选择兑换方式：只在兑换日，或每天");
        }
        int low = number(lowStock, 0, 100_000, "lowStockThreshold", "库存提醒数量请填 0 到 100000 之间的整数");
        int days = number(expiryDays, 0, 365, "expiryWarningDays", "临期提醒天数请填 0 到 365 之间的整数");
        return access.staff().flatMap(actor -> shop.saveSettings(actor, villageId, new ShopService.Settings("days".equals(mode), low, days)))
                .map(s -> seeOther("/villages/" + villageId + "/shop"));
    }
}
