package org.jifen.shop;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {batchId}} in a path belongs to the village that owns it. */
@ApplicationScoped
public class BatchScope implements VillageOf {

    @Override
    public String pathParam() {
        return "batchId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM batch WHERE id = $1";
    }
}
