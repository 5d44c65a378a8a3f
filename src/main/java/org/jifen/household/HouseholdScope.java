package org.jifen.household;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {householdId}} in a path belongs to the household's village. */
@ApplicationScoped
public class HouseholdScope implements VillageOf {

    @Override
    public String pathParam() {
        return "householdId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM household WHERE id = $1";
    }
}
