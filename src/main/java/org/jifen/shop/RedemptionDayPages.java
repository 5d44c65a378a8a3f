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
import org.jifen.common.security.Access;

import java.time.LocalDate;
import java.util.List;

import static org.jifen.shop.ShopForm.*;

/** Redemption days (季兑换): the village's days with their summaries, a form to open one, and one day with its photos (图文佐证). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RedemptionDayPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance days(long villageId, String village, List<ShopService.DayView> days, LocalDate today,
                                            ShopRights can);

        static native TemplateInstance day(ShopService.DayView day, String village, List<ShopRecords.DayPhoto> photos, ShopRights can);
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
    @Path("villages/{villageId}/redemption-days")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> days(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(staff -> records.villageName(villageId).flatMap(name -> shop.days(villageId)
                .map(days -> Templates.days(villageId, name, days, shop.today(), ShopRights.of(staff.role())))));
    }

    @POST
    @Path("villages/{villageId}/redemption-days")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@PathParam("villageId") long villageId, @FormParam("day") String day, @FormParam("title") String title,
                                @FormParam("note") String note) {
        LocalDate on = date(day, "day", "请填写兑换日期（如 2026-03-05）");
        if (on == null) {
            throw bad("day", "请填写兑换日期");
        }
        String t = optional(title, 100, "title", "标题不能超过 100 字");
        String n = optional(note, 2000, "note", "说明不能超过 2000 字");
        return access.staff().flatMap(actor -> shop.createDay(actor, villageId, on, t, n))
                .map(d -> seeOther("/shop/redemption-days/" + d.id()));
    }

    @GET
    @Path("shop/redemption-days/{redemptionDayId}")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<TemplateInstance> day(@PathParam("redemptionDayId") long dayId) {
        return access.staff().flatMap(staff -> shop.day(dayId).flatMap(d -> records.villageName(d.villageId())
                .flatMap(name -> records.dayPhotos(dayId).map(p -> Templates.day(d, name, p, ShopRights.of(staff.role()))))));
    }

    /** A photo of the day from the phone camera, multipart part {@code photo} and an optional {@code caption}. */
    @POST
    @Path("shop/redemption-days/{redemptionDayId}/photos")
    @RolesAllowed(Roles.SHOP_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> photo(@PathParam("redemptionDayId") long dayId, @RestForm("photo") FileUpload photo,
                               @RestForm("caption") String caption) {
        String c = optional(caption, 200, "caption", "照片说明不能超过 200 字");
        return photos.read(photo, "photo")
                .flatMap(p -> access.staff().flatMap(actor -> shop.addDayPhoto(actor, dayId, p.contentType(), p.data(), c)))
                .map(id -> seeOther("/shop/redemption-days/" + dayId));
    }
}
