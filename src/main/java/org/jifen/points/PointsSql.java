package org.jifen.points;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;

/**
 * Raw SQL inside the current Hibernate Reactive session (and so inside its transaction), for the ledger
 * work where SQL is the clearer tool. Parameters are {@code ?1, ?2...}; cast nullable ones in the SQL
 * ({@code CAST(?3 AS text)}). Rows come back as {@code Object[]}; read them with the static helpers.
 */
public final class PointsSql {

    private PointsSql() {
    }

    public static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().flatMap(s -> query(s, sql, params).getResultList())
                .map(PointsSql::arrays);
    }

    public static Uni<Object[]> one(String sql, Object... params) {
        return rows(sql, params).map(list -> list.isEmpty() ? null : list.get(0));
    }

    public static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.executeUpdate();
        });
    }

    /**
     * Serializes work on one village month: closing takes it exclusively; registering, reviewing and
     * adjusting take it shared, so they run side by side but never overlap a close of the same month.
     * Transaction-scoped advisory lock: released at commit or rollback.
     */
    public static Uni<Void> lockMonth(long villageId, String month, boolean exclusive) {
        String fn = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared";
        return rows("SELECT 1 FROM (SELECT " + fn + "(hashtextextended('jifen.points.month:' || ?1 || ':' || ?2, 0))) x",
                String.valueOf(villageId), month).replaceWithVoid();
    }

    public static Uni<Boolean> monthClosed(long villageId, String month) {
        return rows("SELECT 1 FROM month_close WHERE village_id = ?1 AND month = ?2", villageId, month)
                .map(r -> !r.isEmpty());
    }

    private static Mutiny.SelectionQuery<Object[]> query(Mutiny.Session s, String sql, Object[] params) {
        var q = s.createNativeQuery(sql, Object[].class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    private static List<Object[]> arrays(List<?> raw) {
        List<Object[]> out = new ArrayList<>(raw.size());
        for (Object row : raw) {
            out.add(row instanceof Object[] a ? a : new Object[]{row});
        }
        return out;
    }

    public static long lng(Object o) {
        return ((Number) o).longValue();
    }

    public static Long lngOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    public static int integer(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    public static Integer intOrNull(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    public static String str(Object o) {
        return o == null ? null : o.toString();
    }

    public static boolean bool(Object o) {
        return o instanceof Boolean b ? b : o != null && Boolean.parseBoolean(o.toString());
    }
}
