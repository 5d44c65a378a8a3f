package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the money feature's gap source: a bean of {@link GapSource} adds {@code purchase-voucher-missing} and
 * {@code fund-voucher-missing} for the villages a test names, without the completeness check knowing about it.
 */
@ApplicationScoped
public class MoneyGapsForTest implements GapSource {

    static final Set<Long> VILLAGES = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<List<Gap>> gaps(long villageId, int year) {
        if (!VILLAGES.contains(villageId)) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().item(List.of(
                new Gap(Completeness.PURCHASE_VOUCHER_MISSING, "purchase-1", "采购 1 没有付款凭证"),
                new Gap(Completeness.FUND_VOUCHER_MISSING, "fund-1", "资金 1 没有凭证照片")));
    }
}
