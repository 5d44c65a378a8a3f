package org.jifen.demo;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;
import org.jifen.common.JifenConfig;
import org.jifen.town.Bootstrap;
import org.jifen.town.Towns;
import org.jifen.town.Villages;

import java.util.Comparator;
import java.util.List;

/**
 * With {@code jifen.demo=true}, loads the demo 龙泉镇 once: into the bootstrap town (created by {@link Bootstrap}, whose
 * startup observer runs first), only while it has no village yet.
 */
@ApplicationScoped
public class DemoData {

    @Inject
    Instance<DemoStep> steps;

    @Inject
    Pool pool;

    @Inject
    JifenConfig config;

    void onStart(@Observes @Priority(Bootstrap.PRIORITY + 100) StartupEvent event) throws Throwable {
        if (config.demo()) {
            VertxContextSupport.subscribeAndAwait(() -> Towns.byName(pool, config.bootstrap().townName())
                    .flatMap(town -> loadOnce(town.id())));
        }
    }

    public Uni<Void> loadOnce(long townId) {
        // the same lock as Bootstrap: a second replica starting at once waits, then finds the villages and does nothing
        return pool.withTransaction(tx -> Sql.exec(tx, "SELECT pg_advisory_xact_lock(hashtextextended('jifen.bootstrap', 0))", Sql.args())
                .flatMap(x -> Villages.anyIn(tx, townId)).flatMap(any -> {
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
