package org.jifen.town;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;
import org.jifen.common.security.StaffPrincipal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The caller's town's settings (thresholds, weights, ... that features declare), read by town roles, changed by its admins. */
@Path("/api")
public class TownSettingsResource {

    public record SettingView(String name, String label, String unit, BigDecimal value,
                              @com.fasterxml.jackson.annotation.JsonProperty("default") BigDecimal defaultValue,
                              BigDecimal min, BigDecimal max) {
    }

    public record GroupView(String title, List<SettingView> settings) {
    }

    public record SettingsView(List<GroupView> groups) {
    }

    @Inject
    TownSettings settings;

    @Inject
    Access access;

    @Inject
    Pool pool;

    @GET
    @Path("/town/settings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<SettingsView> get() {
        return access.staff().flatMap(s -> settings.of(pool, s.townId())).map(this::view);
    }

    /** {@code {name: value, ...}}: only the settings named change; nothing changes if one is refused. */
    @PUT
    @Path("/town/settings")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<SettingsView> put(JsonNode body) {
        Map<String, BigDecimal> values = values(body);
        return access.staff().flatMap(s -> change(s, values)).map(this::view);
    }

    Uni<TownSettings.Values> change(StaffPrincipal actor, Map<String, BigDecimal> values) {
        return pool.withTransaction(tx -> Uni.createFrom().deferred(() -> settings.change(tx, actor.username(), actor.townId(), values)));
    }

    SettingsView view(TownSettings.Values values) {
        return new SettingsView(settings.groups().stream().map(g -> new GroupView(g.title(), g.settings().stream()
                .map(s -> new SettingView(s.name(), s.label(), s.unit(), values.get(s), s.defaultValue(), s.min(), s.max()))
                .toList())).toList());
    }

    /** The body as setting values: an object of numbers; whole numbers where the setting is (its default and range are). */
    Map<String, BigDecimal> values(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.badRequest("request.invalid", "请求内容应为 {设置项: 数值} 的对象", List.of());
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        var fields = body.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String name = f.getKey();
            TownSetting setting = settings.find(name).orElseThrow(() ->
                    new DomainException(400, "town.unknown-setting", "没有这个设置项", name, List.of(name)));
            JsonNode v = f.getValue();
            BigDecimal value = v.isNumber() ? v.decimalValue() : null;
            if (value == null || (wholeNumbers(setting) && value.stripTrailingZeros().scale() > 0)) {
                throw new DomainException(400, "town.setting-wrong-type", "设置值应为" + (wholeNumbers(setting) ? "整数" : "数值"),
                        setting.label() + "：" + v, List.of(name));
            }
            if (!setting.allows(value)) {
                throw new DomainException(400, "town.setting-out-of-range", "设置值超出范围", setting.label() + " 应在 "
                        + setting.min().toPlainString() + " 到 " + setting.max().toPlainString() + " 之间", List.of(name));
            }
            values.put(name, value);
        }
        return values;
    }

    static boolean wholeNumbers(TownSetting s) {
        return List.of(s.defaultValue(), s.min(), s.max()).stream().allMatch(d -> d.stripTrailingZeros().scale() <= 0);
    }
}
