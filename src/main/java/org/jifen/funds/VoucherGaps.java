package org.jifen.funds;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.util.List;

/**
 * For the completeness check (不可留白): the purchases and fund receipts of a village and year that have no voucher.
 * A purchase needs a payment voucher (付款凭证) or an invoice; goods photos alone do not count. A receipt needs a
 * voucher of any kind; a reversal and a receipt that was reversed need none (the reversal's reason is its record).
 */
@ApplicationScoped
@io.quarkus.arc.Unremovable // wired into the completeness check at merge
public class VoucherGaps {

    /** One gap: {@code kind} {@code purchase-voucher-missing} or {@code fund-voucher-missing}, a ref, a Chinese detail. */
    public record Gap(String kind, String ref, String detail) {
    }

    @Inject
    Pool pool;

    public Uni<List<Gap>> find(long villageId, int year) {
        return Sql.list(pool, """
                        SELECT 'purchase-voucher-missing' AS kind, 'purchase:' || p.id AS ref,
                               '采购 ' || to_char(p.purchased_on, 'YYYY-MM-DD') || ' ' || coalesce(p.supplier, '（未填供货方）')
                                   || ' 共 ' || to_char(p.total_cents / 100.0, 'FM999999999990.00') || ' 元，缺少付款凭证或发票' AS detail,
                               p.purchased_on AS on_day, 1 AS part, p.id
                          FROM purchase p
                         WHERE p.village_id = $1 AND p.purchased_on >= $2 AND p.purchased_on < $3
                           AND NOT EXISTS (SELECT 1 FROM voucher v WHERE v.purchase_id = p.id AND v.kind IN ('PAYMENT', 'INVOICE', 'OTHER'))
                        UNION ALL
                        SELECT 'fund-voucher-missing', 'fund:' || f.id,
                               '资金到账 ' || to_char(f.received_on, 'YYYY-MM-DD') || ' ' || f.source
                                   || ' ' || to_char(f.amount_cents / 100.0, 'FM999999999990.00') || ' 元，缺少收款凭证',
                               f.received_on, 2, f.id
                          FROM fund_receipt f
                         WHERE f.village_id = $1 AND f.received_on >= $2 AND f.received_on < $3 AND f.reversal_of IS NULL
                           AND NOT EXISTS (SELECT 1 FROM fund_receipt r WHERE r.reversal_of = f.id)
                           AND NOT EXISTS (SELECT 1 FROM voucher v WHERE v.fund_receipt_id = f.id)
                         ORDER BY part, on_day, id""",
                Sql.args(villageId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)),
                r -> new Gap(r.getString("kind"), r.getString("ref"), r.getString("detail")));
    }
}
