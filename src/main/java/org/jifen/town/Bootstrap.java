package org.jifen.town;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.Tokens;
import org.jifen.demo.DemoData;

/**
 * First start: creates the town named by {@code jifen.bootstrap.town-name} and the {@code admin} user
 * (password from {@code jifen.bootstrap.admin-password}, else generated and logged once), then the demo
 * data when {@code jifen.demo=true}. Later starts find both and do nothing.
 */
@ApplicationScoped
public class Bootstrap {

    @Inject
    JifenConfig config;

    @Inject
    DemoData demo;

    void onStart(@Observes @Priority(100) StartupEvent event) throws Throwable {
        Town town = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::ensureTownAndAdmin));
        if (config.demo()) {
            VertxContextSupport.subscribeAndAwait(() -> demo.loadOnce(town.id));
        }
    }

    Uni<Town> ensureTownAndAdmin() {
        String name = config.bootstrap().townName();
        return Town.<Town>find("name", name).firstResult()
                .onItem().ifNull().switchTo(() -> {
                    Town t = new Town();
                    t.name = name;
                    Log.infof("jifen: created town %s", name);
                    return t.persist();
                })
                .call(town -> Staff.count("username", "admin").flatMap(n -> n > 0 ? Uni.createFrom().voidItem() : createAdmin(town)));
    }

    private Uni<Void> createAdmin(Town town) {
        String password = config.bootstrap().adminPassword().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        String effective = generated ? Tokens.newToken().substring(0, 16) : password;
        Staff admin = new Staff();
        admin.townId = town.id;
        admin.username = "admin";
        admin.displayName = "镇农办管理员";
        admin.role = "TOWN_ADMIN";
        admin.passwordHash = BcryptUtil.bcryptHash(effective);
        if (generated) {
            Log.warnf("jifen: created user 'admin' with the generated password %s (shown once; set JIFEN_BOOTSTRAP_ADMIN_PASSWORD to choose it)", effective);
        } else {
            Log.info("jifen: created user 'admin' with the configured password");
        }
        return admin.persist().replaceWithVoid();
    }
}
