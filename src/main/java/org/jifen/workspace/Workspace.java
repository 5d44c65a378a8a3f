package org.jifen.workspace;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Access;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes the staff header in one place, for the layout {@code templates/staff.html}, which calls
 * {@code inject:workspace.header(villageId, place)} while the page renders: a page only names its village and place.
 * The village list reads each village's figures here too ({@code inject:workspace.figures}).
 */
@ApplicationScoped
@Named("workspace")
public class Workspace {

    @Inject
    Access access;

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @Inject
    VillageHome home;

    /**
     * The header of the signed-in staff member. {@code villageId} is the page's village (a number, or null/0 for
     * none); a village role always works in its own village, a town role only in villages of its town.
     */
    public Uni<StaffHeader> header(Object villageId, String place) {
        return access.staff().flatMap(me -> {
            Long wanted = me.townScoped() ? idOf(villageId) : me.villageId();
            return Sql.one(pool, """
                            SELECT s.display_name, v.id AS village_id, v.name AS village_name
                              FROM staff s LEFT JOIN village v ON v.id = $2 AND v.town_id = s.town_id
                             WHERE s.id = $1""", Sql.args(me.staffId(), wanted), "该工作人员",
                    r -> new Who(r.getString("display_name"), r.getLong("village_id") == null ? null
                            : new StaffHeader.Village(r.getLong("village_id"), r.getString("village_name"))))
                    .flatMap(who -> villages(me).map(all -> StaffHeader.of(me, who.displayName(), who.village(), all, place,
                            time.thisMonth().minusMonths(1))));
        });
    }

    /** The figures of every village the signed-in staff member may see, by village id (for the village list). */
    public Uni<Map<Long, VillageHome.Figures>> figures() {
        return access.staff().flatMap(me -> me.townScoped()
                        ? Sql.list(pool, "SELECT id FROM village WHERE town_id = $1", Sql.args(me.townId()), r -> r.getLong("id"))
                        : Uni.createFrom().item(List.of(me.villageId())))
                .flatMap(home::of)
                .map(all -> all.stream().collect(Collectors.toMap(VillageHome.Figures::villageId, f -> f)));
    }

    private record Who(String displayName, StaffHeader.Village village) {
    }

    private Uni<List<StaffHeader.Village>> villages(StaffPrincipal me) {
        if (!me.townScoped()) {
            return Uni.createFrom().item(List.of());
        }
        return Sql.list(pool, "SELECT id, name FROM village WHERE town_id = $1 ORDER BY code", Sql.args(me.townId()),
                r -> new StaffHeader.Village(r.getLong("id"), r.getString("name")));
    }

    private static Long idOf(Object villageId) {
        if (villageId instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        if (villageId instanceof String s && s.matches("[1-9][0-9]{0,18}")) {
            return Long.valueOf(s);
        }
        return null;
    }
}
