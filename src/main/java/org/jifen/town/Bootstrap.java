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
 * and do nothing. The demo data ({@code jifen.demo=true}) is loaded after this, by {@code org.jifen.demo.DemoData}.
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
                        .flatMap(taken -> taken ? Uni.createFrom().voidItem() : createAdmin(tx, town)));
    }

    private Uni<Void> createAdmin(SqlConnection tx, Town town) {
        String password = config.bootstrap().adminPassword().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        String effective = generated ? Tokens.newToken().substring(0, 16) : password;
        return StaffRepository.insert(tx, town.id(), null, "admin", BcryptUtil.bcryptHash(effective), "镇农办管理员", "TOWN_ADMIN")
                .invoke(x -> {
                    if (generated) {
                        Log.warnf("jifen: created user 'admin' with the generated password %s (shown once; set JIFEN_BOOTSTRAP_ADMIN_PASSWORD to choose it)", effective);
                    } else {
                        Log.info("jifen: created user 'admin' with the configured password");
                    }
                })
                .replaceWithVoid();
    }
}
