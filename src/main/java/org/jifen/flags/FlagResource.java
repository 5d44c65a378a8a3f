package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.util.List;

/** Every anomaly flag of the caller's town in a year, each with its evidence (the dashboard shows them by village). */
@Path("/api")
public class FlagResource {

    @Inject
    AnomalyFlags flags;

    @Inject
    Access access;

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @GET
    @Path("/town/flags")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<List<Flag>> list(@QueryParam("year") String year) {
        int y = year(year, time.thisYear());
        return access.staff().flatMap(s -> flags.all(pool, s.townId(), y));
    }

    static int year(String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (!raw.trim().matches("[0-9]{4}") || Integer.parseInt(raw.trim()) < 2000 || Integer.parseInt(raw.trim()) > 2100) {
            throw DomainException.badRequest("request.invalid", "年度应为 2000 到 2100 之间的四位数", List.of("year"));
        }
        return Integer.parseInt(raw.trim());
    }
}
