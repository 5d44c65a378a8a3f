package org.jifen.county;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.town.Town;
import org.jifen.town.Towns;

import java.util.List;
import java.util.Map;

/**
 * The county (several towns in one install): a COUNTY_ADMIN creates towns and lists them with per-town counts. A
 * town's first TOWN_ADMIN is made by {@code town.StaffService#createInTown}. The county reads counts only, never a
 * town's or village's data.
 */
@ApplicationScoped
public class CountyService {

    /** A town with what it has now: villages, active households, active staff. */
    public record TownFigures(long id, String name, long villages, long households, long staff) {
    }

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    /** A new town of this name (names are unique in the install: 409 {@code town.duplicate-name}). */
    public Uni<Town> createTown(StaffPrincipal actor, String name) {
        return pool.withTransaction(tx -> Sql.exec(tx, "SELECT pg_advisory_xact_lock(hashtextextended('jifen.town-name', 0))", Sql.args())
                .flatMap(x -> Towns.byName(tx, name))
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().failure(new DomainException(409, "town.duplicate-name", "该镇已存在",
                                "已有名为 " + name + " 的镇", List.of("name")))
                        : Towns.insert(tx, name))
                .call(town -> audit.record(tx, actor.username(), town.id(), null, "create", "town", town.id(), null,
                        Map.of("name", town.name()))));
    }

    public Uni<List<Town>> towns() {
        return Towns.all(pool);
    }

    /** Every town with its counts, computed in one statement (cheap: counts of indexed rows). */
    public Uni<List<TownFigures>> figures() {
        return Sql.list(pool, """
                SELECT t.id, t.name,
                       (SELECT count(*) FROM village v WHERE v.town_id = t.id) AS villages,
                       (SELECT count(*) FROM household h JOIN village v ON v.id = h.village_id
                         WHERE v.town_id = t.id AND h.status = 'ACTIVE') AS households,
                       (SELECT count(*) FROM staff s WHERE s.town_id = t.id AND s.active) AS staff
                  FROM town t ORDER BY t.id""", Sql.args(),
                r -> new TownFigures(r.getLong("id"), r.getString("name"), r.getLong("villages"), r.getLong("households"),
                        r.getLong("staff")));
    }
}
