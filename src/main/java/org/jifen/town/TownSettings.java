package org.jifen.town;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and changes a town's settings: the value a town stored, else the default its feature declared. */
@ApplicationScoped
public class TownSettings {

    /** A town's values; {@link #get} falls back to the declared default. */
    public record Values(Map<String, BigDecimal> stored) {

        public BigDecimal get(TownSetting setting) {
            return stored.getOrDefault(setting.name(), setting.defaultValue());
        }

        public int intValue(TownSetting setting) {
            return get(setting).intValue();
        }
    }

    @Inject
    Instance<TownSettingGroup> groups;

    @Inject
    Audit audit;

    /** Every declared group, in page order. */
    public List<TownSettingGroup> groups() {
        return groups.stream().sorted(Comparator.comparingInt(TownSettingGroup::order).thenComparing(TownSettingGroup::title)).toList();
    }

    public Optional<TownSetting> find(String name) {
        return groups.stream().flatMap(g -> g.settings().stream()).filter(s -> s.name().equals(name)).findFirst();
    }

    public Uni<Values> of(SqlClient db, long townId) {
        return Sql.list(db, "SELECT name, value FROM town_setting WHERE town_id = $1", Sql.args(townId),
                        r -> Map.entry(r.getString("name"), r.getBigDecimal("value")))
                .map(rows -> {
                    Map<String, BigDecimal> stored = new HashMap<>();
                    rows.forEach(e -> stored.put(e.getKey(), e.getValue()));
                    return new Values(Map.copyOf(stored));
                });
    }

    /**
     * Changes some of a town's settings in the caller's transaction: unknown names and values out of range are a 400
     * and nothing is written; each change is one audit row.
     */
    public Uni<Values> change(SqlClient tx, String actor, long townId, Map<String, BigDecimal> values) {
        Map<TownSetting, BigDecimal> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            TownSetting s = find(name).orElseThrow(() -> new DomainException(400, "town.unknown-setting", "没有这个设置项", name));
            if (value == null || !s.allows(value)) {
                throw new DomainException(400, "town.setting-out-of-range", "设置值超出范围",
                        s.label() + " 应在 " + s.min().toPlainString() + " 到 " + s.max().toPlainString() + " 之间");
            }
            checked.put(s, value);
        });
        return of(tx, townId).flatMap(before -> {
            List<TownSetting> names = List.copyOf(checked.keySet());
            List<Audit.Change> changes = names.stream()
                    .map(s -> new Audit.Change("change", s.name(), Map.of("value", before.get(s)), Map.of("value", checked.get(s)))).toList();
            return Sql.exec(tx, """
                            INSERT INTO town_setting (town_id, name, value, updated_by)
                            SELECT $1, n, v, $4 FROM unnest($2::text[], $3::numeric[]) AS u(n, v)
                            ON CONFLICT (town_id, name) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by,
                                                                    updated_at = now()""",
                            Sql.args(townId, names.stream().map(TownSetting::name).toArray(String[]::new),
                                    names.stream().map(checked::get).toArray(BigDecimal[]::new), actor))
                    .flatMap(x -> audit.recordAll(tx, actor, townId, null, "town_setting", changes))
                    .flatMap(x -> of(tx, townId));
        });
    }
}
