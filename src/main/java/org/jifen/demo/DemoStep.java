package org.jifen.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One area's part of the demo town (villages and households, catalog and history, goods...). Steps run in
 * {@link #order()} inside one transaction ({@code tx}) on the first start with {@code jifen.demo=true}.
 */
public interface DemoStep {

    int order();

    Uni<Void> load(SqlConnection tx, DemoContext context);
}
