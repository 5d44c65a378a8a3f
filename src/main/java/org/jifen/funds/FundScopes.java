package org.jifen.funds;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** The village of each funds id in a path, for the scope check before the body ({@code ScopeFilter}). */
public final class FundScopes {

    private FundScopes() {
    }

    @ApplicationScoped
    public static class FundReceiptScope implements VillageOf {
        @Override
        public String pathParam() {
            return "fundReceiptId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM fund_receipt WHERE id = $1";
        }
    }

    /** Purchases are the shop's; their vouchers are kept here. */
    @ApplicationScoped
    public static class PurchaseScope implements VillageOf {
        @Override
        public String pathParam() {
            return "purchaseId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM purchase WHERE id = $1";
        }
    }

    @ApplicationScoped
    public static class VoucherScope implements VillageOf {
        @Override
        public String pathParam() {
            return "voucherId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM voucher WHERE id = $1";
        }
    }
}
