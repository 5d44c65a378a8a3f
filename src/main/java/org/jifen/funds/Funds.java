package org.jifen.funds;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.jifen.common.ChinaTime.ZONE;

/** The SQL of fund receipts, vouchers and the yearly fund account (V120__funds.sql). */
@ApplicationScoped
public class Funds {

    public record PurchaseLine(long id, long villageId, String supplier, LocalDate purchasedOn, long totalCents, int vouchers) {
    }

    static final String RECEIPTS = """
            SELECT f.id, f.village_id, f.source, f.amount_cents, f.received_on, f.note, f.reversal_of, f.reason, f.actor,
                   f.created_at, (SELECT r.id FROM fund_receipt r WHERE r.reversal_of = f.id) AS reversed_by,
                   (SELECT count(*) FROM voucher v WHERE v.fund_receipt_id = f.id)::int AS vouchers
              FROM fund_receipt f""";

    static final String VOUCHERS = """
            SELECT id, village_id, fund_receipt_id, purchase_id, kind, content_type, size, sha256, note, uploaded_by, created_at
              FROM voucher""";

    public Uni<Long> insertReceipt(SqlClient tx, long villageId, String source, long amountCents, LocalDate receivedOn,
                                   String note, Long reversalOf, String reason, String actor) {
        return Sql.one(tx, """
                        INSERT INTO fund_receipt (village_id, source, amount_cents, received_on, note, reversal_of, reason, actor)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""",
                Sql.args(villageId, source, amountCents, receivedOn, note, reversalOf, reason, actor), "", r -> r.getLong("id"));
    }

    /** The receipt, locked for a reversal (two reversals at once are serialized; the second finds it reversed). */
    public Uni<FundReceipt> lockReceipt(SqlClient tx, long id) {
        return Sql.one(tx, "SELECT id FROM fund_receipt WHERE id = $1 FOR UPDATE", Sql.args(id), "该笔资金", r -> r.getLong("id"))
                .flatMap(x -> receipt(tx, id));
    }

    public Uni<FundReceipt> receipt(SqlClient db, long id) {
        return Sql.one(db, RECEIPTS + " WHERE f.id = $1", Sql.args(id), "该笔资金", Funds::receipt);
    }

    /** The receipts of a village received in {@code year} (reversals included), in date order. */
    public Uni<List<FundReceipt>> receipts(SqlClient db, long villageId, int year) {
        return Sql.list(db, RECEIPTS + " WHERE f.village_id = $1 AND f.received_on >= $2 AND f.received_on < $3 ORDER BY f.received_on, f.id",
                Sql.args(villageId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)), Funds::receipt);
    }

    /** The purchases of a village in {@code year} with how many vouchers each has. */
    public Uni<List<PurchaseLine>> purchases(SqlClient db, long villageId, int year) {
        return Sql.list(db, """
                        SELECT p.id, p.village_id, p.supplier, p.purchased_on, p.total_cents,
                               (SELECT count(*) FROM voucher v WHERE v.purchase_id = p.id)::int AS vouchers
                          FROM purchase p WHERE p.village_id = $1 AND p.purchased_on >= $2 AND p.purchased_on < $3
                         ORDER BY p.purchased_on, p.id""",
                Sql.args(villageId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)),
                r -> new PurchaseLine(r.getLong("id"), r.getLong("village_id"), r.getString("supplier"),
                        r.getLocalDate("purchased_on"), r.getLong("total_cents"), r.getInteger("vouchers")));
    }

    public Uni<Long> purchaseVillage(SqlClient db, long purchaseId) {
        return Sql.one(db, "SELECT village_id FROM purchase WHERE id = $1", Sql.args(purchaseId), "该采购", r -> r.getLong("village_id"));
    }

    public Uni<Long> insertVoucher(SqlClient tx, long villageId, Long fundReceiptId, Long purchaseId, String kind,
                                   VoucherFile file, String note, String actor) {
        return Sql.one(tx, """
                        INSERT INTO voucher (village_id, fund_receipt_id, purchase_id, kind, content_type, size, sha256, data, note, uploaded_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""",
                Sql.args(villageId, fundReceiptId, purchaseId, kind, file.contentType(), file.data().length, file.sha256(),
                        Buffer.buffer(file.data()), note, actor), "", r -> r.getLong("id"));
    }

    public Uni<List<Voucher>> vouchersOfReceipt(SqlClient db, long fundReceiptId) {
        return Sql.list(db, VOUCHERS + " WHERE fund_receipt_id = $1 ORDER BY id", Sql.args(fundReceiptId), Funds::voucher);
    }

    public Uni<List<Voucher>> vouchersOfPurchase(SqlClient db, long purchaseId) {
        return Sql.list(db, VOUCHERS + " WHERE purchase_id = $1 ORDER BY id", Sql.args(purchaseId), Funds::voucher);
    }

    public record VoucherData(String contentType, byte[] data) {
    }

    public Uni<VoucherData> voucherData(SqlClient db, long voucherId) {
        return Sql.one(db, "SELECT content_type, data FROM voucher WHERE id = $1", Sql.args(voucherId), "该凭证",
                r -> new VoucherData(r.getString("content_type"), r.getBuffer("data").getBytes()));
    }

    /**
     * The year's account. Money: receipts by date received, purchases by date purchased, both at cost. Stock at cost
     * on the last day of the year (the stock today for the current year): batches received by then, less what
     * redemptions not reversed by then took from them, less write-offs and transfers out made by then. Points
     * outstanding: every household's available points at the end of the year (a household below zero owes, it is
     * not owed, so it counts as zero).
     */
    public Uni<FundAccount> account(SqlClient db, long villageId, int year) {
        LocalDate from = LocalDate.of(year, 1, 1), to = LocalDate.of(year + 1, 1, 1);
        OffsetDateTime end = to.atTime(LocalTime.MIDNIGHT).atZone(ZONE).toOffsetDateTime();
        return Sql.one(db, """
                        SELECT (SELECT coalesce(sum(amount_cents), 0) FROM fund_receipt WHERE village_id = $1 AND received_on < $2)::bigint AS received_before,
                               (SELECT coalesce(sum(amount_cents), 0) FROM fund_receipt WHERE village_id = $1 AND received_on >= $2 AND received_on < $3)::bigint AS received,
                               (SELECT coalesce(sum(total_cents), 0) FROM purchase WHERE village_id = $1 AND purchased_on < $2)::bigint AS spent_before,
                               (SELECT coalesce(sum(total_cents), 0) FROM purchase WHERE village_id = $1 AND purchased_on >= $2 AND purchased_on < $3)::bigint AS spent,
                               ((SELECT coalesce(sum(b.quantity::bigint * b.unit_cost_cents), 0) FROM batch b
                                  WHERE b.village_id = $1 AND b.received_on < $3)
                                - (SELECT coalesce(sum(p.quantity::bigint * b.unit_cost_cents), 0)
                                     FROM redemption_pick p JOIN redemption r ON r.id = p.redemption_id JOIN batch b ON b.id = p.batch_id
                                    WHERE b.village_id = $1 AND r.created_at < $4 AND (r.reversed_at IS NULL OR r.reversed_at >= $4))
                                - (SELECT coalesce(sum(w.quantity::bigint * b.unit_cost_cents), 0)
                                     FROM write_off w JOIN batch b ON b.id = w.batch_id WHERE w.village_id = $1 AND w.created_at < $4)
                                - (SELECT coalesce(sum(n.quantity::bigint * n.unit_cost_cents), 0)
                                     FROM stock_transfer t JOIN batch n ON n.transfer_id = t.id
                                    WHERE t.from_village_id = $1 AND t.created_at < $4))::bigint AS stock_value,
                               (SELECT coalesce(sum(greatest(s, 0)), 0) FROM (
                                   SELECT sum(points) AS s FROM posting WHERE village_id = $1 AND month <= $5 GROUP BY household_id) x)::bigint AS points_outstanding""",
                Sql.args(villageId, from, to, end, year + "-12"), "",
                r -> FundAccount.of(r.getLong("received_before"), r.getLong("spent_before"), r.getLong("received"),
                        r.getLong("spent"), r.getLong("stock_value"), r.getLong("points_outstanding")));
    }

    static FundReceipt receipt(Row r) {
        return new FundReceipt(r.getLong("id"), r.getLong("village_id"), r.getString("source"), r.getLong("amount_cents"),
                r.getLocalDate("received_on"), r.getString("note"), r.getLong("reversal_of"), r.getString("reason"),
                r.getLong("reversed_by"), r.getString("actor"), r.getOffsetDateTime("created_at"), r.getInteger("vouchers"));
    }

    static Voucher voucher(Row r) {
        return new Voucher(r.getLong("id"), r.getLong("village_id"), r.getLong("fund_receipt_id"), r.getLong("purchase_id"),
                r.getString("kind"), r.getString("content_type"), r.getInteger("size"), r.getString("sha256"),
                r.getString("note"), r.getString("uploaded_by"), r.getOffsetDateTime("created_at"));
    }
}
