package org.jifen.dashboard;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.List;
import java.util.Map;

/**
 * The county's roll-up of the town dashboards: each town's own row ({@link TownDashboard.Dashboard#town()}), one town
 * after the other so that a county of 20 towns never runs 20 dashboards at once.
 */
@ApplicationScoped
public class CountyDashboard {

    /** One town's figures of the year. */
    public record TownRow(long townId, String townName, int villages, int households, int participants, double participation,
                          String quarter, long pointsIssued, long pointsRedeemed, long stockValue, long fundBalanceCents,
                          int ledgerGaps, int openRectifications, int flags, int starred) {
        /** For people: {@code 45.7%}. */
        public String percent() {
            return TownDashboard.percent(participation);
        }
    }

    public record County(int year, List<TownRow> towns) {
    }

    @Inject
    Pool pool;

    @Inject
    TownDashboard dashboard;

    public Uni<County> of(int year) {
        return Sql.list(pool, "SELECT id, name FROM town ORDER BY id", Sql.args(), r -> Map.entry(r.getLong("id"), r.getString("name")))
                .flatMap(towns -> Multi.createFrom().iterable(towns)
                        .onItem().transformToUniAndConcatenate(t -> dashboard.of(t.getKey(), year).map(d -> row(t.getKey(), t.getValue(), d)))
                        .collect().asList())
                .map(rows -> new County(year, rows));
    }

    private static TownRow row(long townId, String name, TownDashboard.Dashboard d) {
        TownDashboard.Village t = d.town();
        return new TownRow(townId, name, d.villages().size(), t.households(), t.participants(), t.participation(), d.quarter(),
                t.pointsIssued(), t.pointsRedeemed(), t.stockValue(), t.fundBalanceCents(), t.ledgerCompleteness().gaps(),
                t.openRectifications(), t.flags().size(), t.starCounts().starred());
    }
}
