package org.jifen.card;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.QrCodes;
import org.jifen.common.QrDecoder;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Access;
import org.jifen.common.security.VillageScope;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;


/** Household cards over the API: QR text, PNG, printable PDFs, reissue, decoding a photo, scanning a card. */
@Path("/api")
public class CardResource {

    public record ScanAnswer(long householdId, long villageId, String villageName, String number, String headName,
                             int cardVersion, int availablePoints) {
    }

    public record DecodeAnswer(String qrText) {
    }

    @Inject
    CardService cards;

    @Inject
    CardSheets sheets;

    @Inject
    QrCodes qr;

    @Inject
    Vertx vertx;

    @Inject
    Access access;

    @Inject
    Pool pool;

    @GET
    @Path("/households/{householdId}/card")
    @RolesAllowed(Roles.STAFF)
    public Uni<CardService.CardView> card(@PathParam("householdId") long householdId) {
        return cards.card(householdId);
    }

    @GET
    @Path("/households/{householdId}/card.png")
    @Produces("image/png")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> png(@PathParam("householdId") long householdId, @QueryParam("size") Integer size) {
        int px = size == null ? 400 : Math.max(120, Math.min(1200, size));
        return cards.card(householdId)
                .flatMap(c -> vertx.executeBlocking(Uni.createFrom().item(() -> qr.png(c.qrText(), px))))
                .map(bytes -> Response.ok(bytes, "image/png").header("Cache-Control", "no-store").build());
    }

    /** A single replacement card (e.g. after a reissue), as PDF. */
    @GET
    @Path("/households/{householdId}/card.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> cardPdf(@PathParam("householdId") long householdId) {
        return villageOf(householdId).flatMap(v -> sheets.pdf(v, householdId))
                .map(bytes -> Response.ok(bytes, "application/pdf")
                        .header("Content-Disposition", "inline; filename=\"card-" + householdId + ".pdf\"").build());
    }

    @GET
    @Path("/villages/{villageId}/cards.pdf")
    @Produces("application/pdf")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> sheetPdf(@PathParam("villageId") long villageId) {
        return sheets.pdf(villageId, null).map(bytes -> Response.ok(bytes, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"cards-" + villageId + ".pdf\"").build());
    }

    @POST
    @Path("/households/{householdId}/card/reissue")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<CardService.CardView> reissue(@PathParam("householdId") long householdId) {
        return access.staff().flatMap(actor -> cards.reissue(actor, householdId));
    }

    /**
     * The household a scanned card names, for the clerk's screen: 400 {@code card.invalid}, 403 {@code card.revoked},
     * 403 {@code auth.forbidden} for a household of another village.
     */
    @GET
    @Path("/cards/scan")
    @RolesAllowed(Roles.SHOP_KEEPERS)
    public Uni<ScanAnswer> scan(@QueryParam("qrText") String qrText) {
        return access.staff().flatMap(staff -> cards.scan(qrText).flatMap(card -> {
            if (!VillageScope.allows(staff, card.villageId(), card.townId())) {
                throw DomainException.forbidden();
            }
            return Sql.first(pool, "SELECT coalesce((SELECT available FROM account WHERE household_id = $1), 0) AS available",
                    Sql.args(card.householdId()), r -> new ScanAnswer(card.householdId(), card.villageId(), card.villageName(),
                            card.number(), card.headName(), card.cardVersion(), r.getInteger("available")));
        }));
    }

    /** Reads the QR code in a photo (raw image body): 200 {@code {qrText}}, or 422 {@code card.unreadable}. */
    @POST
    @Path("/cards/decode")
    @Consumes({"image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp", MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed(Roles.SHOP_KEEPERS)
    public Uni<DecodeAnswer> decodeRaw(byte[] body) {
        return decode(body);
    }

    /** The same for a form upload (field {@code image}, or {@code file}). */
    @POST
    @Path("/cards/decode")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.SHOP_KEEPERS)
    public Uni<DecodeAnswer> decodeForm(@RestForm("image") FileUpload image, @RestForm("file") FileUpload file) {
        FileUpload upload = image != null ? image : file;
        if (upload == null) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请上传二维码照片", java.util.List.of("image")));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return Files.readAllBytes(upload.uploadedFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })).flatMap(this::decode);
    }

    Uni<DecodeAnswer> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请上传二维码照片", java.util.List.of("image")));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                var image = ImageIO.read(new ByteArrayInputStream(bytes));
                if (image == null) {
                    throw new DomainException(415, "card.not-an-image", "无法识别的图片格式", "请上传 JPEG 或 PNG 照片");
                }
                return QrDecoder.decode(image).map(DecodeAnswer::new).orElseThrow(() -> new DomainException(422,
                        "card.unreadable", "照片中没有找到二维码", "请对准积分卡上的二维码重新拍照，保持清晰、光线充足"));
            } catch (IOException e) {
                throw new DomainException(415, "card.not-an-image", "无法识别的图片格式", "请上传 JPEG 或 PNG 照片");
            }
        }));
    }

    Uni<Long> villageOf(long householdId) {
        return Sql.one(pool, "SELECT village_id FROM household WHERE id = $1", Sql.args(householdId), "该农户",
                r -> r.getLong("village_id"));
    }
}
