package org.jifen.oversight;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {oversightPhotoId}} in a path: an oversight photo belongs to the village it was made in. */
@ApplicationScoped
public class OversightPhotoScope implements VillageOf {

    @Override
    public String pathParam() {
        return "oversightPhotoId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM oversight_photo WHERE id = $1";
    }
}
