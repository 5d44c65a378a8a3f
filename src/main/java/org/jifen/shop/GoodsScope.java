package org.jifen.shop;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {goodsId}} in a path belongs to the village that owns it. */
@ApplicationScoped
public class GoodsScope implements VillageOf {

    @Override
    public String pathParam() {
        return "goodsId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM goods WHERE id = $1";
    }
}
