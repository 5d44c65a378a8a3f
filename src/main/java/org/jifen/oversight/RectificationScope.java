package org.jifen.oversight;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {rectificationId}} in a path: a 整改 item belongs to the village it was made in. */
@ApplicationScoped
public class RectificationScope implements VillageOf {

    @Override
    public String pathParam() {
        return "rectificationId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM rectification WHERE id = $1";
    }
}
