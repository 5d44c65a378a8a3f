package org.jifen.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jifen.common.EmbeddedDatabase;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for the tests: a fresh database on the server at {@code JIFEN_TEST_PG} (default
 * {@code 127.0.0.1:5432}, user postgres, trust auth) when it answers, else an embedded PostgreSQL 17.
 * Each test run gets its own database, dropped at the end, so parallel runs never meet.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase embedded;
    private String adminUrl;
    private String database;
    private String hostPort;

    @Override
    public Map<String, String> start() {
        database = "jifen_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = System.getenv().getOrDefault("JIFEN_TEST_PG", "127.0.0.1:5432");
        if (!"embedded".equals(server) && reachable("jdbc:postgresql://" + server + "/postgres")) {
            hostPort = server;
        } else {
            try {
                embedded = EmbeddedDatabase.start(Files.createTempDirectory("jifen-test-pg"));
            } catch (Exception e) {
                throw new IllegalStateException("no PostgreSQL at " + server + " and the embedded one did not start", e);
            }
            hostPort = "localhost:" + embedded.port();
        }
        adminUrl = "jdbc:postgresql://" + hostPort + "/postgres";
        execute("CREATE DATABASE " + database);
        System.out.println("jifen tests: PostgreSQL database " + database + " at " + hostPort + (embedded != null ? " (embedded)" : ""));
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "jifentest.jdbc-url", "jdbc:postgresql://" + hostPort + "/" + database);
    }

    @Override
    public void stop() {
        try {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("jifen tests: could not drop " + database + ": " + e.getMessage());
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception ignored) {
                // the temp folder goes with the machine
            }
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

}
