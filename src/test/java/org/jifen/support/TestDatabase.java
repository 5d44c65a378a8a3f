package org.jifen.support;

import io.quarkus.test.common.QuarkusTestResource;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Registers {@link PostgresTestResource} for every {@code @QuarkusTest}; opens JDBC connections for direct SQL checks. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A plain JDBC connection to the test database, for checks that must bypass the application. */
    public static Connection connect() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("jifentest.jdbc-url", String.class);
        return DriverManager.getConnection(url, "postgres", "");
    }
}
