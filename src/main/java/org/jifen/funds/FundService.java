package org.jifen.funds;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Fund receipts, their reversals and the vouchers of receipts and purchases; every write audited with it. */
@ApplicationScoped
public class FundService {

    /** A new receipt, as checked by the resource or the page. */
    public record NewReceipt(String source, long amountCents, LocalDate receivedOn, String note) {
    }

    @Inject
    Pool pool;

    @Inject
    Funds funds;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    public LocalDate today() {
        return time.today();
    }

    public Uni<Long> receive(StaffPrincipal actor, long villageId, NewReceipt r) {
        return pool.withTransaction(tx -> funds.insertReceipt(tx, villageId, r.source(), r.amountCents(), r.receivedOn(),
                        r.note(), null, null, actor.username())
                .call(id -> audit.record(tx, actor, villageId, "receive", "fund_receipt", id, null, r)));
    }

    /**
     * Corrects a receipt by a reversing one: the opposite amount, dated today (China time), naming it and why. A
     * reversal is not reversed again (a wrong reversal is corrected by receiving the amount anew).
     */
    public Uni<Long> reverse(StaffPrincipal actor, long receiptId, String reason) {
        LocalDate today = time.today();
        return pool.withTransaction(tx -> funds.lockReceipt(tx, receiptId).flatMap(original -> {
            if (original.reversalOf() != null) {
                throw DomainException.conflict("funds.is-reversal", "冲销记录不能再冲销，请重新登记正确的金额");
            }
            if (original.reversedBy() != null) {
                throw DomainException.conflict("funds.already-reversed", "该笔资金已冲销");
            }
            return funds.insertReceipt(tx, original.villageId(), original.source(), -original.amountCents(), today,
                            null, original.id(), reason, actor.username())
                    .call(id -> audit.record(tx, actor, original.villageId(), "reverse", "fund_receipt", id,
                            Map.of("reversalOf", original.id(), "amountCents", original.amountCents()),
                            Map.of("amountCents", -original.amountCents(), "reason", reason)));
        }));
    }

    public Uni<Long> addReceiptVoucher(StaffPrincipal actor, long receiptId, String kind, VoucherFile file, String note) {
        return pool.withTransaction(tx -> funds.receipt(tx, receiptId).flatMap(receipt ->
                funds.insertVoucher(tx, receipt.villageId(), receiptId, null, kind, file, note, actor.username())
                        .call(id -> audit.record(tx, actor, receipt.villageId(), "voucher", "fund_receipt", receiptId, null,
                                Map.of("voucherId", id, "kind", kind, "sha256", file.sha256(), "size", file.data().length)))));
    }

    public Uni<Long> addPurchaseVoucher(StaffPrincipal actor, long purchaseId, String kind, VoucherFile file, String note) {
        return pool.withTransaction(tx -> funds.purchaseVillage(tx, purchaseId).flatMap(villageId ->
                funds.insertVoucher(tx, villageId, null, purchaseId, kind, file, note, actor.username())
                        .call(id -> audit.record(tx, actor, villageId, "voucher", "purchase", purchaseId, null,
                                Map.of("voucherId", id, "kind", kind, "sha256", file.sha256(), "size", file.data().length)))));
    }

    public Uni<List<FundReceipt>> receipts(long villageId, int year) {
        return funds.receipts(pool, villageId, year);
    }

    public Uni<List<Funds.PurchaseLine>> purchases(long villageId, int year) {
        return funds.purchases(pool, villageId, year);
    }

    public Uni<FundAccount> account(long villageId, int year) {
        return funds.account(pool, villageId, year);
    }

    public Uni<List<Voucher>> receiptVouchers(long receiptId) {
        return funds.receipt(pool, receiptId).flatMap(x -> funds.vouchersOfReceipt(pool, receiptId));
    }

    public Uni<List<Voucher>> purchaseVouchers(long purchaseId) {
        return funds.purchaseVillage(pool, purchaseId).flatMap(x -> funds.vouchersOfPurchase(pool, purchaseId));
    }

    public Uni<FundReceipt> receipt(long receiptId) {
        return funds.receipt(pool, receiptId);
    }

    public Uni<Long> purchaseVillage(long purchaseId) {
        return funds.purchaseVillage(pool, purchaseId);
    }

    public Uni<Funds.VoucherData> voucherData(long voucherId) {
        return funds.voucherData(pool, voucherId);
    }
}
