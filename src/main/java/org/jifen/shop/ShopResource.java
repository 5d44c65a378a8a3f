package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import java.time.LocalDate;
import java.util.List;


/** Goods, purchases, stock (warnings, write-offs, transfers), shop settings and redemption days. */
@Path("/api")
public class ShopResource {

    public record GoodsRequest(@NotBlank @Size(max = 64) String name, @NotBlank @Size(max = 16) String unit,
                               @NotNull @Min(1) @Max(100000) Integer pointsPrice, @Size(max = 32) String category) {
    }

    public record PriceRequest(@NotNull @Min(1) @Max(100000) Integer pointsPrice) {
    }

    public record PurchaseItemRequest(@NotNull Long goodsId, @NotNull @Min(1) @Max(1000000000) Integer quantity,
                                      @Min(0) @Max(100000000) Integer unitCostCents, LocalDate expiresOn) {
    }

    public record PurchaseRequest(@Size(max = 100) String supplier, LocalDate purchasedOn,
                                  @NotEmpty @Size(max = 200) List<@Valid @NotNull PurchaseItemRequest> items) {
    }

    public record WriteOffRequest(@NotNull @Min(1) Integer quantity, @NotBlank @Size(max = 200) String reason) {
    }

    public record TransferRequest(@NotNull Long goodsId, @NotNull Long toVillageId, @NotNull @Min(1) Integer quantity) {
    }

    public record SettingsRequest(Boolean redemptionDaysOnly, @Min(0) @Max(100000) Integer lowStockThreshold,
                                  @Min(0) @Max(365) Integer expiryWarningDays) {
    }

    public record DayRequest(@NotNull LocalDate day, @Size(max = 100) String title, @Size(max = 2000) String note) {
    }

    public record PhotoAnswer(long id) {
    }

    @Inject
    ShopService shop;

    @Inject
    Access access;

    @Inject
    ShopPhotos photos;

    @POST
    @Path("/villages/{villageId}/goods")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> createGoods(@PathParam("villageId") long villageId, @Valid @NotNull GoodsRequest r) {
        var goods = new ShopService.NewGoods(r.name().trim(), blank(r.category()), r.unit().trim(), r.pointsPrice());
        return access.staff().flatMap(actor -> shop.createGoods(actor, villageId, goods))
                .map(g -> Response.status(201).entity(g).build());
    }

    @GET
    @Path("/villages/{villageId}/goods")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<ShopService.GoodsView>> goods(@PathParam("villageId") long villageId) {
        return shop.goods(villageId);
    }

    @PUT
    @Path("/goods/{goodsId}/price")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<ShopService.GoodsView> price(@PathParam("goodsId") long goodsId, @Valid @NotNull PriceRequest r) {
        return access.staff().flatMap(actor -> shop.updatePrice(actor, goodsId, r.pointsPrice()));
    }

    @PUT
    @Path("/goods/{goodsId}/photo")
    @Consumes({"image/jpeg", "image/png", "image/webp"})
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> setPhoto(@PathParam("goodsId") long goodsId, byte[] body) {
        ShopPhotos.Upload photo = photos.check(body, "photo");
        return access.staff().flatMap(actor -> shop.setPhoto(actor, goodsId, photo.contentType(), photo.data()))
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("/goods/{goodsId}/photo")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> photo(@PathParam("goodsId") long goodsId) {
        return shop.goodsPhoto(goodsId)
                .map(p -> Response.ok(p.data(), p.contentType()).header("Cache-Control", "private, max-age=300").build());
    }

    @POST
    @Path("/villages/{villageId}/purchases")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> purchase(@PathParam("villageId") long villageId, @Valid @NotNull PurchaseRequest r) {
        var items = r.items().stream().map(i -> new ShopService.PurchaseItem(i.goodsId(), i.quantity(),
                i.unitCostCents() == null ? 0 : i.unitCostCents(), i.expiresOn())).toList();
        return access.staff().flatMap(actor -> shop.purchase(actor, villageId, blank(r.supplier()),
                        r.purchasedOn() == null ? shop.today() : r.purchasedOn(), items))
                .map(p -> Response.status(201).entity(p).build());
    }

    @GET
    @Path("/villages/{villageId}/batches")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<List<ShopService.BatchView>> batches(@PathParam("villageId") long villageId) {
        return shop.batches(villageId);
    }

    @GET
    @Path("/villages/{villageId}/stock/warnings")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<ShopService.Warnings> warnings(@PathParam("villageId") long villageId, @QueryParam("days") Integer days) {
        return shop.warnings(villageId, days);
    }

    @POST
    @Path("/batches/{batchId}/write-off")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<ShopService.BatchView> writeOff(@PathParam("batchId") long batchId, @Valid @NotNull WriteOffRequest r) {
        return access.staff().flatMap(actor -> shop.writeOff(actor, batchId, r.quantity(), r.reason().trim()));
    }

    @POST
    @Path("/villages/{villageId}/transfers")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> transfer(@PathParam("villageId") long villageId, @Valid @NotNull TransferRequest r) {
        return access.staff().flatMap(actor -> shop.transfer(actor, villageId, r.goodsId(), r.toVillageId(), r.quantity()))
                .map(t -> Response.status(201).entity(t).build());
    }

    @GET
    @Path("/villages/{villageId}/shop-settings")
    @RolesAllowed(Roles.STAFF)
    public Uni<ShopService.Settings> settings(@PathParam("villageId") long villageId) {
        return shop.settings(villageId);
    }

    @PUT
    @Path("/villages/{villageId}/shop-settings")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<ShopService.Settings> saveSettings(@PathParam("villageId") long villageId, @Valid @NotNull SettingsRequest r) {
        return access.staff().flatMap(actor -> shop.settings(villageId).flatMap(old -> shop.saveSettings(actor, villageId,
                new ShopService.Settings(r.redemptionDaysOnly() == null ? old.redemptionDaysOnly() : r.redemptionDaysOnly(),
                        r.lowStockThreshold() == null ? old.lowStockThreshold() : r.lowStockThreshold(),
                        r.expiryWarningDays() == null ? old.expiryWarningDays() : r.expiryWarningDays()))));
    }

    @POST
    @Path("/villages/{villageId}/redemption-days")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> createDay(@PathParam("villageId") long villageId, @Valid @NotNull DayRequest r) {
        return access.staff().flatMap(actor -> shop.createDay(actor, villageId, r.day(), blank(r.title()), blank(r.note())))
                .map(d -> Response.status(201).entity(d).build());
    }

    @GET
    @Path("/villages/{villageId}/redemption-days")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<ShopService.DayView>> days(@PathParam("villageId") long villageId) {
        return shop.days(villageId);
    }

    @GET
    @Path("/redemption-days/{redemptionDayId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<ShopService.DayView> day(@PathParam("redemptionDayId") long dayId) {
        return shop.day(dayId);
    }

    @POST
    @Path("/redemption-days/{redemptionDayId}/photos")
    @Consumes({"image/jpeg", "image/png", "image/webp"})
    @RolesAllowed(Roles.SHOP_KEEPERS)
    public Uni<Response> addPhoto(@PathParam("redemptionDayId") long dayId, @QueryParam("caption") String caption,
                                  byte[] body) {
        ShopPhotos.Upload photo = photos.check(body, "photo");
        String c = caption == null || caption.isBlank() ? null : caption.trim().substring(0, Math.min(200, caption.trim().length()));
        return access.staff().flatMap(actor -> shop.addDayPhoto(actor, dayId, photo.contentType(), photo.data(), c))
                .map(id -> Response.status(201).entity(new PhotoAnswer(id)).build());
    }

    @GET
    @Path("/redemption-days/{redemptionDayId}/photos/{photoId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> dayPhoto(@PathParam("redemptionDayId") long dayId, @PathParam("photoId") long photoId) {
        return shop.dayPhoto(dayId, photoId)
                .map(p -> Response.ok(p.data(), p.contentType()).build());
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
