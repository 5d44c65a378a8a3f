package org.jifen.points;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {entryId}} in a path belongs to the entry's village. */
@ApplicationScoped
public class EntryScope implements VillageOf {

    @Override
    public String pathParam() {
        return "entryId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM entry WHERE id = $1";
    }
}
