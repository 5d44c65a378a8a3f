package org.jifen.funds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import org.jifen.archive.ArchiveContext;
import org.jifen.archive.ArchiveDb;
import org.jifen.archive.ArchiveNames;
import org.jifen.archive.ArchivePart;
import org.jifen.archive.ArchiveTable;
import org.jifen.archive.ArchiveWriter;
import org.jifen.common.db.Sql;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.jifen.archive.ArchiveTable.yuan;

/** The money parts of the yearly archive: {@code 4-采购/} and {@code 5-资金/}, tables and vouchers. */
public final class FundArchiveParts {

    private FundArchiveParts() {
    }

    record File(long id, LocalDate day, long ownerId, String kind, String type) {
    }

    static void vouchers(ArchiveDb db, ArchiveWriter out, String folder, String owner, String sql, ArchiveContext a) throws IOException {
        List<File> files = db.list(sql, Sql.args(a.villageId(), a.from(), a.to()),
                r -> new File(r.getLong("id"), r.getLocalDate("day"), r.getLong("owner_id"), r.getString("kind"), r.getString("content_type")));
        ArchiveNames names = new ArchiveNames();
        for (File f : files) {
            out.put(names.monthly(folder, f.day(), owner + f.ownerId() + "-" + Voucher.kindName(f.kind()), Voucher.extension(f.type())),
                    db.bytes("SELECT data FROM voucher WHERE id = $1", f.id()));
        }
    }

    /** {@code 4-采购/采购记录.xlsx} (purchases and their lines at cost) and every purchase voucher by date. */
    @ApplicationScoped
    public static class PurchasesPart implements ArchivePart {

        @Inject
        ArchiveDb db;

        @Override
        public int order() {
            return 40;
        }

        @Override
        public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
            var args = Sql.args(a.villageId(), a.from(), a.to());
            try (ArchiveTable t = new ArchiveTable(out, "4-采购/采购记录.xlsx")) {
                t.sheet("采购", "编号", "采购日期", "供货方", "合计（元）", "合计（分）", "经办人", "付款凭证", "发票", "商品照片", "其他凭证");
                t.rows(db.list("""
                        SELECT p.id, p.purchased_on, p.supplier, p.total_cents, p.actor,
                               count(v.id) FILTER (WHERE v.kind = 'PAYMENT') AS payment, count(v.id) FILTER (WHERE v.kind = 'INVOICE') AS invoice,
                               count(v.id) FILTER (WHERE v.kind = 'GOODS') AS goods, count(v.id) FILTER (WHERE v.kind = 'OTHER') AS other
                          FROM purchase p LEFT JOIN voucher v ON v.purchase_id = p.id
                         WHERE p.village_id = $1 AND p.purchased_on >= $2 AND p.purchased_on < $3
                         GROUP BY p.id ORDER BY p.purchased_on, p.id""", args,
                        r -> new Object[]{r.getLong("id"), r.getLocalDate("purchased_on"), r.getString("supplier"),
                                yuan(r.getLong("total_cents")), r.getLong("total_cents"), r.getString("actor"), r.getLong("payment"),
                                r.getLong("invoice"), r.getLong("goods"), r.getLong("other")}));
                t.sheet("采购明细", "采购编号", "采购日期", "商品", "单位", "数量", "单价（分）", "金额（分）", "保质期至");
                t.rows(db.list("""
                        SELECT p.id, p.purchased_on, g.name, g.unit, b.quantity, b.unit_cost_cents, b.expires_on
                          FROM purchase p JOIN batch b ON b.purchase_id = p.id JOIN goods g ON g.id = b.goods_id
                         WHERE p.village_id = $1 AND p.purchased_on >= $2 AND p.purchased_on < $3 ORDER BY p.purchased_on, p.id, b.id""", args,
                        r -> new Object[]{r.getLong("id"), r.getLocalDate("purchased_on"), r.getString("name"), r.getString("unit"),
                                r.getInteger("quantity"), r.getInteger("unit_cost_cents"),
                                (long) r.getInteger("quantity") * r.getInteger("unit_cost_cents"), r.getLocalDate("expires_on")}));
                t.sheet("报损", "时间", "商品", "批次", "数量", "单价（分）", "原因", "经办人");
                t.rows(db.list("""
                        SELECT w.created_at, g.name, w.batch_id, w.quantity, b.unit_cost_cents, w.reason, w.actor
                          FROM write_off w JOIN batch b ON b.id = w.batch_id JOIN goods g ON g.id = b.goods_id
                         WHERE w.village_id = $1 AND w.created_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                           AND w.created_at < ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai' ORDER BY w.created_at, w.id""", args,
                        r -> new Object[]{r.getOffsetDateTime("created_at"), r.getString("name"), r.getLong("batch_id"),
                                r.getInteger("quantity"), r.getInteger("unit_cost_cents"), r.getString("reason"), r.getString("actor")}));
            }
            vouchers(db, out, "4-采购", "采购", """
                    SELECT v.id, p.purchased_on AS day, p.id AS owner_id, v.kind, v.content_type
                      FROM voucher v JOIN purchase p ON p.id = v.purchase_id
                     WHERE p.village_id = $1 AND p.purchased_on >= $2 AND p.purchased_on < $3 ORDER BY p.purchased_on, p.id, v.id""", a);
        }
    }

    /** {@code 5-资金/资金台账.xlsx} (the year's account and its receipts, reversals included) and every receipt voucher. */
    @ApplicationScoped
    public static class FundsPart implements ArchivePart {

        @Inject
        ArchiveDb db;

        @Inject
        Funds funds;

        @Inject
        Pool pool;

        @Override
        public int order() {
            return 50;
        }

        @Override
        public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
            FundAccount account = funds.account(pool, a.villageId(), a.year()).await().atMost(Duration.ofMinutes(2));
            List<FundReceipt> receipts = funds.receipts(pool, a.villageId(), a.year()).await().atMost(Duration.ofMinutes(2));
            try (ArchiveTable t = new ArchiveTable(out, "5-资金/资金台账.xlsx")) {
                t.sheet("资金账", "项目", "金额（元）", "金额（分）");
                t.row("上年结转", yuan(account.carriedOverCents()), account.carriedOverCents());
                t.row("本年到账", yuan(account.receivedCents()), account.receivedCents());
                t.row("本年采购支出", yuan(account.spentCents()), account.spentCents());
                t.row("年末结余", yuan(account.balanceCents()), account.balanceCents());
                t.row("年末库存（按进价）", yuan(account.stockValueCents()), account.stockValueCents());
                t.row("未兑换积分（超市负债，分值）", account.pointsOutstanding(), account.pointsOutstanding());
                t.sheet("资金到账", "编号", "到账日期", "来源", "金额（元）", "金额（分）", "备注", "冲销编号", "冲销原因", "被冲销于", "凭证数", "经办人", "登记时间");
                for (FundReceipt r : receipts) {
                    t.row(r.id(), r.receivedOn(), r.source(), yuan(r.amountCents()), r.amountCents(), r.note(), r.reversalOf(),
                            r.reason(), r.reversedBy(), r.vouchers(), r.actor(), r.createdAt());
                }
            }
            vouchers(db, out, "5-资金", "资金", """
                    SELECT v.id, f.received_on AS day, f.id AS owner_id, v.kind, v.content_type
                      FROM voucher v JOIN fund_receipt f ON f.id = v.fund_receipt_id
                     WHERE f.village_id = $1 AND f.received_on >= $2 AND f.received_on < $3 ORDER BY f.received_on, f.id, v.id""", a);
        }
    }
}
