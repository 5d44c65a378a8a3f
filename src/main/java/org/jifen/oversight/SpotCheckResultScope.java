package org.jifen.oversight;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {spotCheckResultId}} in a path: a spot-check result belongs to the village it was made in. */
@ApplicationScoped
public class SpotCheckResultScope implements VillageOf {

    @Override
    public String pathParam() {
        return "spotCheckResultId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT s.village_id FROM spot_check_result r JOIN spot_check s ON s.id = r.spot_check_id WHERE r.id = $1";
    }
}
