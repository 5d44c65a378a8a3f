package org.jifen.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One area's part of the demo town (villages and households, catalog and history, goods...). Steps run in
 * {@link #order()} inside one transaction ({@code tx}) on the first start with {@code jifen.demo=true}.
 */
public interface DemoStep {

    int order();

    /** The step's writes, on the demo's transaction. (Transition: a step not yet on {@code tx} overrides the old form.) */
    default Uni<Void> load(SqlConnection tx, DemoContext context) {
        return load(context);
    }

    /** @deprecated transition only: steps not yet on {@code tx}. */
    @Deprecated
    default Uni<Void> load(DemoContext context) {
        throw new UnsupportedOperationException("use load(tx, context)");
    }
}
