package org.jifen.common.security;

import java.security.Principal;

/** A villager logged in to the portal: acts for exactly one household. */
public record HouseholdPrincipal(long householdId, long villageId) implements Principal {

    @Override
    public String getName() {
        return "household:" + householdId;
    }
}
