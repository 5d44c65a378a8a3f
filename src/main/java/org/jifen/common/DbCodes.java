package org.jifen.common;

import java.util.Map;

/**
 * Chinese titles and statuses for the codes that database triggers and constraints raise as
 * {@code jifen:<code>}, so a refusal by PostgreSQL reads the same as one by Java.
 */
public final class DbCodes {

    private record Entry(int status, String title) {
    }

    private static final Map<String, Entry> CODES = Map.ofEntries(
            Map.entry("points.month-closed", new Entry(409, "该月已结账，不能再修改")),
            Map.entry("ledger.immutable", new Entry(409, "积分流水不可修改或删除")),
            Map.entry("shop.insufficient-points", new Entry(409, "可用积分不足")),
            Map.entry("shop.insufficient-stock", new Entry(409, "库存不足")),
            Map.entry("household.has-postings", new Entry(409, "该农户已有积分记录，不能删除")),
            Map.entry("points.entry-immutable", new Entry(409, "已登记的积分不可修改或删除")),
            Map.entry("notice.immutable", new Entry(409, "已发布的公示不可修改")),
            Map.entry("notice.objection-answered", new Entry(409, "该异议已答复")),
            Map.entry("shop.evidence-immutable", new Entry(409, "兑换日照片不可修改或删除")),
            Map.entry("funds.immutable", new Entry(409, "资金记录和凭证不可修改或删除，更正请做冲销")));

    private DbCodes() {
    }

    public static DomainException problem(String code) {
        Entry e = CODES.get(code);
        if (e == null) {
            return new DomainException(409, code, "操作被拒绝", code);
        }
        return new DomainException(e.status, code, e.title);
    }
}
