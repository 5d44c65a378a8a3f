package org.jifen.demo;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jifen.town.Village;

import java.util.Comparator;
import java.util.List;

/** Loads the demo 龙泉镇 once: only into a town that has no village yet. */
@ApplicationScoped
public class DemoData {

    @Inject
    Instance<DemoStep> steps;

    public Uni<Void> loadOnce(long townId) {
        return Panache.withTransaction(() -> Village.count("townId", townId).flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().voidItem();
            }
            List<DemoStep> ordered = steps.stream().sorted(Comparator.comparingInt(DemoStep::order)).toList();
            DemoContext context = new DemoContext(townId);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DemoStep step : ordered) {
                chain = chain.call(() -> step.load(context));
            }
            return chain.invoke(() -> Log.infof("jifen: demo data loaded (%d steps, %d villages)", ordered.size(), context.villageIds.size()));
        }));
    }
}
