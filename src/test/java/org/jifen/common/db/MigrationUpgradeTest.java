package org.jifen.common.db;

import org.flywaydb.core.Flyway;
import org.jifen.common.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Plain JUnit: a database as the migrations of commit 2c12f79 left it (V92, with the functions and triggers still in
 * the versioned files), restored from {@code upgrade/v92.sql.gz} (remade by {@code upgrade/make-v92-fixture.sh}),
 * upgrades to today's layout, on the tests' PostgreSQL 15 and on the embedded PostgreSQL 17. Then its ledger still
 * verifies and still takes postings and redemptions through the triggers, and its schema is the schema of a fresh
 * database built by today's migrations.
 */
class MigrationUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void shouldUpgradeAV92DatabaseOnTheTestServer() throws Exception {
        String server = System.getenv().getOrDefault("JIFEN_TEST_PG", "127.0.0.1:5432");
        assumeTrue(!"embedded".equals(server) && reachable("jdbc:postgresql://" + server + "/postgres"),
                "no PostgreSQL at " + server);
        upgradeAndCheck("jdbc:postgresql://" + server + "/");
    }

    @Test
    void shouldUpgradeAV92DatabaseOnPostgres17() throws Exception {
        try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("pg"))) {
            upgradeAndCheck("jdbc:postgresql://localhost:" + pg.port() + "/");
        }
    }

    private void upgradeAndCheck(String server) throws Exception {
        String upgraded = server + createDatabase(server);
        String fresh = server + createDatabase(server);
        try {
            restoreFixture(upgraded);
            assertEquals("92", query(upgraded, "SELECT max(version::int)::text AS v FROM flyway_schema_history").get(0));

            assertTrue(flyway(upgraded).migrate().success);
            assertTrue(flyway(upgraded).validateWithResult().validationSuccessful, "validate after the upgrade");
            checkLedger(upgraded);

            assertTrue(flyway(fresh).migrate().success);
            assertEquals(history(fresh), history(upgraded), "the same migrations, with today's checksums");
            assertEquals(schema(fresh), schema(upgraded), "the upgraded schema is the fresh one");
            checkOnlyKnownChecksumsAreAccepted(fresh);
        } finally {
            dropDatabase(server, upgraded);
            dropDatabase(server, fresh);
        }
    }

    /** The fixture's chains verify with today's posting_hash, and new postings and redemptions go through the triggers. */
    private void checkLedger(String url) throws SQLException {
        assertTrue(Integer.parseInt(query(url, "SELECT count(*)::text AS n FROM posting").get(0)) >= 10, "the fixture has postings");
        assertEquals(List.of(), brokenChains(url));
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO posting (household_id, village_id, type, points, month, cause_type, reason, actor, seq, prev_hash, hash)
                    SELECT id, village_id, 'ADJUST', 3, '2026-05', 'test', '升级后调整', 'upgrade-test', 0, '', ''
                      FROM household WHERE number = '0101'""");
            ResultSet redeemed = s.executeQuery("""
                    SELECT r.outcome, r.total_points FROM household h, goods g,
                           shop_redeem(h.id, h.card_version, 'upgrade-test-1', ARRAY[g.id], ARRAY[2], date '2026-05-10', '2026-05',
                                       'upgrade-test', NULL, h.village_id) r
                     WHERE h.number = '0102' AND g.name = '洗衣粉'""");
            assertTrue(redeemed.next());
            assertEquals("created", redeemed.getString("outcome"));
            assertEquals(12, redeemed.getInt("total_points"));
            assertRefused(s, "jifen:points.month-closed", """
                    INSERT INTO posting (household_id, village_id, type, points, month, actor, seq, prev_hash, hash)
                    SELECT id, village_id, 'ADJUST', 1, '2026-01', 'upgrade-test', 0, '', '' FROM household WHERE number = '0101'""");
            assertRefused(s, "jifen:ledger.immutable", "UPDATE posting SET points = points + 1");
            assertRefused(s, "jifen:household.has-postings", "DELETE FROM household WHERE number = '0103'");
            assertRefused(s, "jifen:notice.immutable", "UPDATE notice SET signatory = '别人'");
            assertRefused(s, "jifen:audit.immutable", "DELETE FROM audit_log");
        }
        assertEquals(List.of(), brokenChains(url));
        assertEquals(List.of("true"), query(url, """
                SELECT (p.seq = a.seq AND p.hash = a.head_hash)::text AS head FROM posting p JOIN account a USING (household_id)
                 WHERE p.type = 'REDEEM' AND p.cause_id = (SELECT id FROM redemption WHERE idempotency_key = 'upgrade-test-1')"""));
    }

    /** The chain check of ledger/LedgerVerifier in SQL: sequence, previous hash, posting_hash, and the account's head. */
    private static List<String> brokenChains(String url) throws SQLException {
        return query(url, """
                SELECT 'posting ' || id AS broken FROM (
                    SELECT p.id, p.seq, p.prev_hash, p.hash, posting_hash(p) AS recomputed,
                           row_number() OVER w AS expected_seq, lag(p.hash, 1, '') OVER w AS previous
                      FROM posting p WINDOW w AS (PARTITION BY p.household_id ORDER BY p.seq)) x
                 WHERE seq <> expected_seq OR prev_hash <> previous OR hash <> recomputed
                UNION ALL
                SELECT 'account ' || a.household_id FROM account a,
                       LATERAL (SELECT coalesce(max(p.seq), 0) AS seq, coalesce((array_agg(p.hash ORDER BY p.seq DESC))[1], '') AS head,
                                       coalesce(sum(p.points), 0)::int AS available
                                  FROM posting p WHERE p.household_id = a.household_id) c
                 WHERE (a.seq, a.head_hash, a.available) IS DISTINCT FROM (c.seq, c.head, c.available)""");
    }

    /** A recorded checksum is moved only from its known earlier value: any other difference still fails validation. */
    private void checkOnlyKnownChecksumsAreAccepted(String url) throws SQLException {
        EditedMigrations.Edit v2 = EditedMigrations.EDITS.stream().filter(e -> e.version().equals("2")).findFirst().orElseThrow();
        execute(url, "UPDATE flyway_schema_history SET checksum = " + v2.recorded() + " WHERE version = '2'");
        assertTrue(flyway(url).validateWithResult().validationSuccessful);
        assertEquals(List.of(String.valueOf(v2.now())), query(url, "SELECT checksum::text AS c FROM flyway_schema_history WHERE version = '2'"));
        execute(url, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        assertFalse(flyway(url).validateWithResult().validationSuccessful);
    }

    private static Flyway flyway(String url) {
        return Migrations.configure(Flyway.configure().dataSource(url, "postgres", "")).load();
    }

    private static List<String> history(String url) throws SQLException {
        return query(url, "SELECT concat_ws(' ', version, script, checksum, success) AS m FROM flyway_schema_history ORDER BY 1");
    }

    /** Functions, triggers, constraints, indexes, columns, types and storage options of the public schema. */
    private static List<String> schema(String url) throws SQLException {
        return query(url, """
                SELECT pg_get_functiondef(p.oid) AS d FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                UNION ALL SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal
                UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                 WHERE connamespace = 'public'::regnamespace
                UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT concat_ws(' ', table_name, column_name, data_type, column_default, is_nullable, is_identity)
                  FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace
                UNION ALL SELECT relname || ' ' || reloptions::text FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace AND reloptions IS NOT NULL
                ORDER BY 1""");
    }

    /** Runs the plain pg_dump script (INSERTs, no COPY, no psql commands) as one JDBC statement. */
    private void restoreFixture(String url) throws IOException, SQLException {
        String script;
        try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/upgrade/v92.sql.gz"))) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(script);
        }
    }

    private static void assertRefused(Statement s, String code, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().contains(code), e.getMessage());
    }

    private static List<String> query(String url, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1)); // one-column queries
            }
        }
        return rows;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String createDatabase(String server) throws SQLException {
        String name = "jifen_upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(server + "postgres", "CREATE DATABASE " + name);
        return name;
    }

    private static void dropDatabase(String server, String url) throws SQLException {
        execute(server + "postgres", "DROP DATABASE IF EXISTS " + url.substring(server.length()) + " WITH (FORCE)");
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    private static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = connect(url)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
