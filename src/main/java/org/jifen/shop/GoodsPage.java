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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;

import java.util.List;

import static org.jifen.shop.ShopForm.*;

/** One kind of goods: its photo, point price and batches; forms to change the price, take a photo and write off a batch. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class GoodsPage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance goods(ShopService.GoodsView goods, String photoVersion, List<ShopService.BatchView> batches,
                                             ShopRights can);
    }

    @Inject
    ShopService shop;

    @Inject
    ShopRecords records;

    @Inject
    ShopPhotos photos;

    @Inject
    Access access;

    @GET
    @Path("shop/goods/{goodsId}")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> goods(@PathParam("goodsId") long goodsId) {
        return access.staff().flatMap(staff -> records.goodsOwner(goodsId).flatMap(owner -> Uni.combine().all()
                .unis(shop.goods(owner.villageId()), shop.batches(owner.villageId())).asTuple()
                .map(t -> {
                    ShopService.GoodsView goods = t.getItem1().stream().filter(g -> g.id() == goodsId).findFirst()
                            .orElseThrow(() -> DomainException.notFound("该商品"));
                    List<ShopService.BatchView> batches = t.getItem2().stream().filter(b -> b.goodsId() == goodsId).toList();
                    return Templates.goods(goods, owner.photoVersion(), batches, ShopRights.of(staff.role()));
                })));
    }

    @POST
    @Path("shop/goods/{goodsId}/price")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> price(@PathParam("goodsId") long goodsId, @FormParam("pointsPrice") String pointsPrice) {
        int price = number(pointsPrice, 1, 100_000, "pointsPrice", "积分价请填 1 到 100000 之间的整数");
        return access.staff().flatMap(actor -> shop.updatePrice(actor, goodsId, price)).map(g -> seeOther("/shop/goods/" + goodsId));
    }

    /** A photo from the phone camera or a file, multipart part {@code photo}. */
    @POST
    @Path("shop/goods/{goodsId}/photo")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> photo(@PathParam("goodsId") long goodsId, @RestForm("photo") FileUpload photo) {
        return photos.read(photo, "photo")
                .flatMap(p -> access.staff().flatMap(actor -> shop.setPhoto(actor, goodsId, p.contentType(), p.data())))
                .map(x -> seeOther("/shop/goods/" + goodsId));
    }
}
