package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The anomaly flags of a town's villages in a year, for the town dashboard. (Seam: the rules are being built; until
 * then no village has a flag.)
 */
@ApplicationScoped
public class AnomalyFlags {

    /** Village id → its flags in the year (villages without flags may be absent). */
    public Uni<Map<Long, List<Flag>>> forTown(SqlClient db, long townId, int year) {
        return Uni.createFrom().item(Map.of());
    }
}
