package org.jifen.funds;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;
import org.jifen.town.VillageService;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The funds page (资金管理): the year's account, fund receipts with their vouchers, purchases with theirs. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FundPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance funds(long villageId, String village, int year, FundAccount account,
                                             List<FundReceipt> receipts, List<Funds.PurchaseLine> purchases, boolean canWrite,
                                             boolean canArchive, LocalDate today);
    }

    @Inject
    FundService funds;

    @Inject
    VillageService villages;

    @Inject
    Access access;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "jifen.funds.voucher-max-bytes", defaultValue = "10485760")
    long voucherMaxBytes;

    @GET
    @Path("villages/{villageId}/funds")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> page(@PathParam("villageId") long villageId, @QueryParam("year") Integer year) {
        int y = year == null ? funds.today().getYear() : FundResource.checkYear(year, "year");
        return access.staff().flatMap(staff -> villages.get(villageId).flatMap(v -> Uni.combine().all()
                .unis(funds.account(villageId, y), funds.receipts(villageId, y), funds.purchases(villageId, y)).asTuple()
                .map(t -> Templates.funds(villageId, v.name(), y, t.getItem1(), t.getItem2(), t.getItem3(),
                        Roles.SETS.get(Roles.RECORD_KEEPERS).contains(staff.role()),
                        Roles.SETS.get(Roles.ARCHIVE_READERS).contains(staff.role()), funds.today()))));
    }

    @POST
    @Path("villages/{villageId}/funds")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> add(@PathParam("villageId") long villageId, @FormParam("source") String source,
                             @FormParam("amountYuan") String amountYuan, @FormParam("receivedOn") String receivedOn,
                             @FormParam("note") String note) {
        String s = FundResource.blank(source);
        if (s == null || s.length() > 64) {
            throw bad("source", "请填写资金来源（64 字以内，如 上级拨款、社会捐赠、村集体）");
        }
        long cents = cents(amountYuan);
        LocalDate on = date(receivedOn);
        String n = FundResource.blank(note);
        if (n != null && n.length() > 500) {
            throw bad("note", "备注请在 500 字以内");
        }
        return access.staff().flatMap(actor -> funds.receive(actor, villageId, new FundService.NewReceipt(s, cents, on, n)))
                .map(id -> back(villageId, on.getYear()));
    }

    @POST
    @Path("staff/fund-receipts/{fundReceiptId}/reverse")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reverse(@PathParam("fundReceiptId") long id, @FormParam("reason") String reason) {
        String r = FundResource.blank(reason);
        if (r == null || r.length() > 200) {
            throw bad("reason", "请填写冲销原因（200 字以内）");
        }
        return access.staff().flatMap(actor -> funds.reverse(actor, id, r)).flatMap(x -> funds.receipt(id))
                .map(original -> back(original.villageId(), original.receivedOn().getYear()));
    }

    @POST
    @Path("staff/fund-receipts/{fundReceiptId}/vouchers")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> receiptVoucher(@PathParam("fundReceiptId") long id, @RestForm("file") FileUpload file,
                                        @RestForm("kind") String kind) {
        String k = FundResource.kind(kind, "RECEIPT", FundResource.RECEIPT_KINDS);
        return read(file).flatMap(f -> access.staff().flatMap(actor -> funds.addReceiptVoucher(actor, id, k, f, null)))
                .flatMap(x -> funds.receipt(id)).map(receipt -> back(receipt.villageId(), receipt.receivedOn().getYear()));
    }

    @POST
    @Path("staff/purchases/{purchaseId}/vouchers")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> purchaseVoucher(@PathParam("purchaseId") long id, @RestForm("file") FileUpload file,
                                         @RestForm("kind") String kind, @RestForm("year") String year) {
        String k = FundResource.kind(kind, "PAYMENT", FundResource.PURCHASE_KINDS);
        return read(file).flatMap(f -> access.staff().flatMap(actor -> funds.addPurchaseVoucher(actor, id, k, f, null)))
                .flatMap(x -> funds.purchaseVillage(id))
                .map(villageId -> back(villageId, year == null || !year.matches("\\d{4}") ? funds.today().getYear() : Integer.parseInt(year)));
    }

    private Uni<VoucherFile> read(FileUpload file) {
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return Uni.createFrom().failure(bad("file", "请拍照或选择凭证文件（JPEG、PNG 或 PDF）"));
        }
        if (file.size() > voucherMaxBytes) {
            return Uni.createFrom().failure(VoucherFile.tooLarge(voucherMaxBytes, "file"));
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString()).map(b -> VoucherFile.check(b.getBytes(), voucherMaxBytes, "file"));
    }

    private static Response back(long villageId, long year) {
        return Response.seeOther(URI.create("/villages/" + villageId + "/funds?year=" + year)).build();
    }

    /** An amount in yuan with at most two decimals ("12500.5"), in fen; more than 0. */
    static long cents(String yuan) {
        try {
            long cents = new BigDecimal(yuan == null ? "" : yuan.trim()).movePointRight(2).longValueExact();
            if (cents > 0 && cents <= 1_000_000_000_000L) {
                return cents;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // answered below
        }
        throw bad("amountYuan", "金额请填写大于 0 的数（元，最多两位小数，如 12500.00）");
    }

    private static LocalDate date(String raw) {
        try {
            LocalDate d = LocalDate.parse(raw == null ? "" : raw.trim());
            FundResource.checkYear(d.getYear(), "receivedOn");
            return d;
        } catch (DateTimeParseException | DomainException e) {
            throw bad("receivedOn", "请填写到账日期（如 2026-03-15）");
        }
    }

    private static DomainException bad(String field, String message) {
        return DomainException.badRequest("request.invalid", message, List.of(field));
    }
}
