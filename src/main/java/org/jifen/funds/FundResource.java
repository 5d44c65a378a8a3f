package org.jifen.funds;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Fund receipts (资金到账), their reversals, the vouchers of receipts and purchases, and the yearly fund account. */
@Path("/api")
public class FundResource {

    public record ReceiptRequest(@NotBlank @Size(max = 64) String source,
                                 @NotNull @Positive @Max(1_000_000_000_000L) Long amountCents,
                                 LocalDate receivedOn, @Size(max = 500) String note) {
    }

    public record ReverseRequest(@NotBlank @Size(max = 200) String reason) {
    }

    public record Created(long id) {
    }

    public record VoucherCreated(long id, String contentType, int size, String sha256) {
    }

    static final Set<String> RECEIPT_KINDS = Set.of("RECEIPT", "OTHER");
    static final Set<String> PURCHASE_KINDS = Set.of("PAYMENT", "INVOICE", "GOODS", "OTHER");

    @Inject
    FundService funds;

    @Inject
    Access access;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "jifen.funds.voucher-max-bytes", defaultValue = "10485760")
    long voucherMaxBytes;

    @POST
    @Path("/villages/{villageId}/funds")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> receive(@PathParam("villageId") long villageId, @Valid @NotNull ReceiptRequest r) {
        var receipt = new FundService.NewReceipt(r.source().trim(), r.amountCents(),
                r.receivedOn() == null ? funds.today() : r.receivedOn(), blank(r.note()));
        checkYear(receipt.receivedOn().getYear(), "receivedOn");
        return access.staff().flatMap(actor -> funds.receive(actor, villageId, receipt))
                .map(id -> Response.status(201).entity(new Created(id)).build());
    }

    @GET
    @Path("/villages/{villageId}/funds")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<FundReceipt>> receipts(@PathParam("villageId") long villageId, @QueryParam("year") Integer year) {
        int y = year == null ? funds.today().getYear() : checkYear(year, "year");
        return funds.receipts(villageId, y);
    }

    @POST
    @Path("/fund-receipts/{fundReceiptId}/reverse")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> reverse(@PathParam("fundReceiptId") long id, @Valid @NotNull ReverseRequest r) {
        return access.staff().flatMap(actor -> funds.reverse(actor, id, r.reason().trim()))
                .map(rid -> Response.status(201).entity(new Created(rid)).build());
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/fund-account")
    @RolesAllowed(Roles.STAFF)
    public Uni<FundAccount> account(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return funds.account(villageId, checkYear(year, "year"));
    }

    @GET
    @Path("/villages/{villageId}/years/{year}/purchases")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<Funds.PurchaseLine>> purchases(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        return funds.purchases(villageId, checkYear(year, "year"));
    }

    /** A voucher of a receipt (multipart: {@code file}, optional {@code kind} RECEIPT or OTHER, {@code note}). */
    @POST
    @Path("/fund-receipts/{fundReceiptId}/vouchers")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> addReceiptVoucher(@PathParam("fundReceiptId") long id, @RestForm("file") FileUpload file,
                                           @RestForm("kind") String kind, @RestForm("note") String note) {
        String k = kind(kind, "RECEIPT", RECEIPT_KINDS);
        String n = note(note);
        return read(file).flatMap(f -> access.staff().flatMap(actor -> funds.addReceiptVoucher(actor, id, k, f, n))
                .map(vid -> created(vid, f)));
    }

    /** A voucher of a purchase (multipart: {@code file}, {@code kind} PAYMENT (default), INVOICE, GOODS or OTHER, {@code note}). */
    @POST
    @Path("/purchases/{purchaseId}/vouchers")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> addPurchaseVoucher(@PathParam("purchaseId") long id, @RestForm("file") FileUpload file,
                                            @RestForm("kind") String kind, @RestForm("note") String note) {
        String k = kind(kind, "PAYMENT", PURCHASE_KINDS);
        String n = note(note);
        return read(file).flatMap(f -> access.staff().flatMap(actor -> funds.addPurchaseVoucher(actor, id, k, f, n))
                .map(vid -> created(vid, f)));
    }

    @GET
    @Path("/fund-receipts/{fundReceiptId}/vouchers")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<Voucher>> receiptVouchers(@PathParam("fundReceiptId") long id) {
        return funds.receiptVouchers(id);
    }

    @GET
    @Path("/purchases/{purchaseId}/vouchers")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<Voucher>> purchaseVouchers(@PathParam("purchaseId") long id) {
        return funds.purchaseVouchers(id);
    }

    @GET
    @Path("/vouchers/{voucherId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> voucher(@PathParam("voucherId") long id) {
        return funds.voucherData(id).map(v -> Response.ok(v.data(), v.contentType())
                .header("Cache-Control", "private, max-age=3600").build());
    }

    private Uni<VoucherFile> read(FileUpload file) {
        if (file == null || file.uploadedFile() == null || file.size() == 0) {
            return Uni.createFrom().failure(DomainException.badRequest("funds.voucher-missing", "请选择凭证照片或 PDF 文件", List.of("file")));
        }
        if (file.size() > voucherMaxBytes) {
            return Uni.createFrom().failure(VoucherFile.tooLarge(voucherMaxBytes, "file"));
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .map(b -> VoucherFile.check(b.getBytes(), voucherMaxBytes, "file"));
    }

    private static Response created(long id, VoucherFile f) {
        return Response.status(201).entity(new VoucherCreated(id, f.contentType(), f.data().length, f.sha256())).build();
    }

    static String kind(String raw, String fallback, Set<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String k = raw.trim().toUpperCase();
        if (!allowed.contains(k)) {
            throw DomainException.badRequest("funds.voucher-kind", "凭证类别有误（可选：" + String.join("、", allowed.stream().sorted().toList()) + "）",
                    List.of("kind"));
        }
        return k;
    }

    static String note(String raw) {
        String n = blank(raw);
        if (n != null && n.length() > 200) {
            throw DomainException.badRequest("request.invalid", "备注请在 200 字以内", List.of("note"));
        }
        return n;
    }

    static int checkYear(int year, String field) {
        if (year < 2000 || year > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of(field));
        }
        return year;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
