package org.jifen.shop;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {redemptionId}} in a path belongs to the village that owns it. */
@ApplicationScoped
public class RedemptionScope implements VillageOf {

    @Override
    public String pathParam() {
        return "redemptionId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM redemption WHERE id = $1";
    }
}
