package org.jifen.shop;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {redemptionDayId}} in a path belongs to the village that owns it. */
@ApplicationScoped
public class RedemptionDayScope implements VillageOf {

    @Override
    public String pathParam() {
        return "redemptionDayId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM redemption_day WHERE id = $1";
    }
}
