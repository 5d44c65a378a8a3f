package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * A source of gaps for the completeness check (不可留白). {@link Completeness} collects every CDI bean of this type
 * ({@code @ApplicationScoped}), so a feature adds its own kinds (say the money tables' {@code purchase-voucher-missing}
 * and {@code fund-voucher-missing}) by adding a bean, without changing the check. The gaps of all sources show on the
 * completeness call and page and on the ledger's cover.
 */
public interface GapSource {

    /** What this source finds missing for the village's year ({@code villageId} exists; empty when nothing is). */
    Uni<List<Gap>> gaps(long villageId, int year);
}
