package org.jifen.common;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jifen.common.db.Sql;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready only when PostgreSQL answers and every Flyway migration applied successfully. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements AsyncHealthCheck {

    @Inject
    Pool pool;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Sql.first(pool, "SELECT count(*) FILTER (WHERE NOT success) AS failed, count(*) AS applied FROM flyway_schema_history",
                        Sql.args(), row -> HealthCheckResponse.named("jifen-database-migrated")
                                .status(row.getLong("failed") == 0 && row.getLong("applied") > 0)
                                .withData("migrations", row.getLong("applied")).build())
                .ifNoItem().after(Duration.ofSeconds(3)).recoverWithItem(() -> down("timeout"))
                .onFailure().recoverWithItem(e -> down(e.getMessage()));
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("jifen-database-migrated").down().withData("error", String.valueOf(why)).build();
    }
}
