package org.jifen.common.db;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * The one Flyway configuration beyond {@code quarkus.flyway.*}: Quarkus applies it to the app's Flyway, and tests that
 * run Flyway themselves call {@link #configure} on theirs. It adds {@link EditedMigrations}, which accepts the known
 * earlier checksums of the versioned migrations whose functions moved to the repeatable {@code R__} files.
 */
@Singleton
public class Migrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configure(configuration);
    }

    /** Adds this project's callbacks to {@code configuration}, keeping those it has. */
    public static FluentConfiguration configure(FluentConfiguration configuration) {
        List<Callback> callbacks = new ArrayList<>(List.of(configuration.getCallbacks()));
        callbacks.add(new EditedMigrations());
        return configuration.callbacks(callbacks.toArray(Callback[]::new));
    }
}
