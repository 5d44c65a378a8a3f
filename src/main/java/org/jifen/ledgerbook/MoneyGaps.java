package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.funds.VoucherGaps;

import java.util.List;

/** Purchases and fund receipts of the year without their vouchers ({@code purchase-voucher-missing}, {@code fund-voucher-missing}). */
@ApplicationScoped
public class MoneyGaps implements GapSource {

    @Inject
    VoucherGaps vouchers;

    @Override
    public Uni<List<Gap>> gaps(long villageId, int year) {
        return vouchers.find(villageId, year)
                .map(list -> list.stream().map(g -> new Gap(g.kind(), g.ref(), g.detail())).toList());
    }
}
