package org.jifen.flags;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jifen.town.TownSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anomaly flags (异常预警) of a town's villages in a year, for the town dashboard: every {@link FlagRule} bean, run
 * one after the other on the town's thresholds ({@link FlagSettings}), grouped by village.
 */
@ApplicationScoped
public class AnomalyFlags {

    @Inject
    Instance<FlagRule> rules;

    @Inject
    TownSettings settings;

    /** Village id → its flags in the year, in the order of the kinds (villages without flags are absent). */
    public Uni<Map<Long, List<Flag>>> forTown(SqlClient db, long townId, int year) {
        return all(db, townId, year).map(flags -> {
            Map<Long, List<Flag>> byVillage = new LinkedHashMap<>();
            flags.forEach(f -> byVillage.computeIfAbsent(f.villageId(), k -> new ArrayList<>()).add(f));
            return byVillage;
        });
    }

    /** Every flag of the town's year, by kind then village. */
    public Uni<List<Flag>> all(SqlClient db, long townId, int year) {
        List<FlagRule> ordered = rules.stream().sorted(Comparator.comparingInt(FlagRule::order)).toList();
        return settings.of(db, townId).flatMap(values -> {
            List<Flag> flags = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (FlagRule rule : ordered) {
                chain = chain.flatMap(x -> {
                    long started = System.nanoTime();
                    return rule.find(db, townId, year, values).invoke(found -> {
                        flags.addAll(found);
                        Log.debugf("flags: %s of town %d, %d: %d in %d ms", rule.kind(), townId, year, found.size(),
                                (System.nanoTime() - started) / 1_000_000);
                    }).replaceWithVoid();
                });
            }
            return chain.map(x -> List.copyOf(flags));
        });
    }
}
