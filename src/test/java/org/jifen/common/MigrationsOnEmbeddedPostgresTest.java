package org.jifen.common;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain JUnit: every Flyway migration runs on the embedded PostgreSQL 17 (the tests' server is 15), and a
 * restart of the embedded server on the same folder keeps the data.
 */
class MigrationsOnEmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void shouldMigrateOnPostgres17AndKeepDataAcrossARestart() throws Exception {
        Path data = dir.resolve("pg");
        String url;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            url = db.jdbcUrl("postgres");
            var result = Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
            assertTrue(result.success);
            assertTrue(result.migrationsExecuted >= 3, "migrations executed: " + result.migrationsExecuted);
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                ResultSet version = s.executeQuery("SHOW server_version_num");
                version.next();
                assertTrue(version.getInt(1) >= 170000, "server " + version.getInt(1));
                s.execute("INSERT INTO town (name) VALUES ('重启镇')");
                s.execute("INSERT INTO village (town_id, code, name) SELECT id, 'R1', '重启村' FROM town WHERE name = '重启镇'");
                s.execute("INSERT INTO household (village_id, number, head_name, tags) SELECT id, '0101', '李四', '{留守老人}' FROM village WHERE code = 'R1'");
            }
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data);
             Connection c = DriverManager.getConnection(again.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT h.head_name, v.name, h.tags[1] FROM household h JOIN village v ON v.id = h.village_id");
            assertTrue(rs.next());
            assertEquals("李四", rs.getString(1));
            assertEquals("重启村", rs.getString(2));
            assertEquals("留守老人", rs.getString(3));
            // and the migrations are all recorded, nothing pending
            var info = Flyway.configure().dataSource(again.jdbcUrl("postgres"), "postgres", "").load().info();
            assertEquals(0, info.pending().length);
        }
    }
}
