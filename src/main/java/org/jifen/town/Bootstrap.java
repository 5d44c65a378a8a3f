package org.jifen.town;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jifen.common.JifenConfig;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Tokens;

/**
 * First start: creates the town named by {@code jifen.bootstrap.town-name} and the {@code admin} user
 * (password from {@code jifen.bootstrap.admin-password}, else generated and logged once). Later starts find both
 * and do nothing. With {@code jifen.bootstrap.county=true} (a county install of several towns) it also creates the user
 * {@code county} (COUNTY_ADMIN, password {@code jifen.bootstrap.county-password}, else generated and logged once); the
 * {@code admin} stays the first town's TOWN_ADMIN, as API.md says. The demo data ({@code jifen.demo=true}) is loaded after this, by {@code org.jifen.demo.DemoData}.
 */
@ApplicationScoped
public class Bootstrap {

    /** Startup observer priority; steps that need the town observe with a larger number. */
    public static final int PRIORITY = 100;

    @Inject
    JifenConfig config;

    @Inject
    Pool pool;

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(this::ensureTownAndAdmin));
    }

    Uni<Town> ensureTownAndAdmin(SqlConnection tx) {
        String name = config.bootstrap().townName();
        // replicas starting together on an empty database: one creates, the others wait here and then find it
        return Sql.exec(tx, "SELECT pg_advisory_xact_lock(hashtextextended('jifen.bootstrap', 0))", Sql.args())
                .flatMap(x -> Towns.byName(tx, name))
                .onItem().ifNull().switchTo(() -> Towns.insert(tx, name).invoke(t -> Log.infof("jifen: created town %s", name)))
                .call(town -> StaffRepository.usernameTaken(tx, "admin")
                        .flatMap(taken -> taken ? Uni.createFrom().voidItem()
                                : create(tx, town.id(), "admin", "镇农办管理员", "TOWN_ADMIN", config.bootstrap().adminPassword(),
                                "JIFEN_BOOTSTRAP_ADMIN_PASSWORD")))
                .call(town -> !config.bootstrap().county() ? Uni.createFrom().voidItem()
                        : StaffRepository.usernameTaken(tx, "county")
                        .flatMap(taken -> taken ? Uni.createFrom().voidItem()
                                : create(tx, null, "county", "县级管理员", "COUNTY_ADMIN", config.bootstrap().countyPassword(),
                                "JIFEN_BOOTSTRAP_COUNTY_PASSWORD")));
    }

    private Uni<Void> create(SqlConnection tx, Long townId, String username, String displayName, String role,
                             java.util.Optional<String> configured, String variable) {
        String password = configured.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        String effective = generated ? Tokens.newToken().substring(0, 16) : password;
        return StaffRepository.insert(tx, townId, null, username, BcryptUtil.bcryptHash(effective), displayName, role)
                .invoke(x -> {
                    if (generated) {
                        Log.warnf("jifen: created user '%s' with the generated password %s (shown once; set %s to choose it)", username, effective, variable);
                    } else {
                        Log.infof("jifen: created user '%s' with the configured password", username);
                    }
                })
                .replaceWithVoid();
    }
}
