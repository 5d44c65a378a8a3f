package org.jifen.oversight;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {spotCheckId}} in a path: a spot check belongs to the village it was made in. */
@ApplicationScoped
public class SpotCheckScope implements VillageOf {

    @Override
    public String pathParam() {
        return "spotCheckId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM spot_check WHERE id = $1";
    }
}
