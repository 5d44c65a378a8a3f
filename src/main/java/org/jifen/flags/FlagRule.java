package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.town.TownSettings;

import java.util.List;

/**
 * One kind of anomaly flag: an {@code @ApplicationScoped} bean that finds the flags of its kind in a town's villages
 * in a year with one or a few SQL queries bounded by the town and the year ({@link AnomalyFlags} finds every rule).
 */
public interface FlagRule {

    /** The stable code of the kind (API.md), e.g. {@code large-adjustment}. */
    String kind();

    /** Order of the kind within a village's flags, lower first. */
    int order();

    Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings);
}
