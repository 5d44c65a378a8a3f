package org.jifen;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jifen.common.EmbeddedDatabase;

import java.nio.file.Path;

/**
 * Starts jifen. When no datasource URL is configured (neither {@code QUARKUS_DATASOURCE_REACTIVE_URL} nor
 * the system property {@code quarkus.datasource.reactive.url}), it first starts an embedded PostgreSQL whose
 * data lives in {@code jifen.embedded-db.dir} (env {@code JIFEN_EMBEDDED_DB_DIR}, default {@code ./data/postgres}).
 */
@QuarkusMain
public class JifenMain {

    public static void main(String... args) throws Exception {
        if (setting("quarkus.datasource.reactive.url") == null && setting("quarkus.datasource.jdbc.url") == null) {
            String dir = setting("jifen.embedded-db.dir");
            Path dataDir = Path.of(dir == null ? "data/postgres" : dir).toAbsolutePath();
            System.out.println("jifen: no database configured, starting embedded PostgreSQL in " + dataDir);
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.close();
                } catch (Exception e) {
                    System.err.println("jifen: embedded PostgreSQL did not stop cleanly: " + e);
                }
            }, "embedded-postgres-stop"));
            System.setProperty("quarkus.datasource.reactive.url", db.reactiveUrl("postgres"));
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl("postgres"));
            System.setProperty("quarkus.datasource.username", db.username());
            System.setProperty("quarkus.datasource.password", "");
        }
        Quarkus.run(args);
    }

    /** A setting from system properties or the environment (MicroProfile Config naming). */
    static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
