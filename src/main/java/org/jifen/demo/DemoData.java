package org.jifen.demo;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.Comparator;
import java.util.List;

/** Loads the demo 龙泉镇 once: only into a town that has no village yet. */
@ApplicationScoped
public class DemoData {

    @Inject
    Instance<DemoStep> steps;

    @Inject
    Pool pool;

    public Uni<Void> loadOnce(long townId) {
        return pool.withTransaction(tx -> Sql.exists(tx, "SELECT 1 FROM village WHERE town_id = $1", Sql.args(townId))
                .flatMap(any -> {
                    if (any) {
                        return Uni.createFrom().voidItem();
                    }
                    List<DemoStep> ordered = steps.stream().sorted(Comparator.comparingInt(DemoStep::order)).toList();
                    DemoContext context = new DemoContext(townId);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DemoStep step : ordered) {
                        chain = chain.call(() -> step.load(tx, context));
                    }
                    return chain.invoke(() -> Log.infof("jifen: demo data loaded (%d steps, %d villages)", ordered.size(),
                            context.villageIds.size()));
                }));
    }
}
