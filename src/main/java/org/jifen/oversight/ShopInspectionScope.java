package org.jifen.oversight;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {shopInspectionId}} in a path: a shop inspection belongs to the village it was made in. */
@ApplicationScoped
public class ShopInspectionScope implements VillageOf {

    @Override
    public String pathParam() {
        return "shopInspectionId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM shop_inspection WHERE id = $1";
    }
}
