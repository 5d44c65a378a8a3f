package org.jifen.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/** Typed settings under {@code jifen.*}. */
@ConfigMapping(prefix = "jifen")
public interface JifenConfig {

    /** Base of every URL printed in a QR code, e.g. {@code https://jifen.example.cn}. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** Load demo villages, households and history of 龙泉镇 on first start. */
    @WithDefault("false")
    boolean demo();

    Bootstrap bootstrap();

    Auth auth();

    Prune prune();

    interface Prune {
        /** How often ended sessions, old login failures and stale uploads are deleted ({@code off} in tests). */
        @WithDefault("1h")
        String every();
    }

    @WithName("ledger-check")
    LedgerCheck ledgerCheck();

    interface LedgerCheck {
        /** How often every village's ledger is checked in the background ({@code off} in tests): see ledger.LedgerChecks. */
        @WithDefault("6h")
        String every();

        /** How long after start the first check runs. */
        @WithDefault("5m")
        String delayed();
    }

    interface Bootstrap {
        /** Name of the town created on first start. */
        @WithDefault("龙泉镇")
        String townName();

        /** Password of the first {@code admin}; generated and logged once when unset. */
        Optional<String> adminPassword();

        /**
         * A county install (several towns): first start also creates the user {@code county} (role COUNTY_ADMIN), who
         * creates further towns and their admins. {@code admin} stays the first town's TOWN_ADMIN either way.
         */
        @WithDefault("false")
        boolean county();

        /** Password of {@code county}; generated and logged once when unset. */
        Optional<String> countyPassword();
    }

    interface Auth {
        /** Hours a staff login token stays valid. */
        @WithDefault("12")
        int tokenHours();

        /** Failed logins per username (or address) within {@link #failureWindowMinutes()} before 429. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("15")
        int failureWindowMinutes();
    }
}
