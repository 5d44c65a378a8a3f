package org.jifen.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {postingId}} in a path belongs to the posting's village. */
@ApplicationScoped
public class PostingScope implements VillageOf {

    @Override
    public String pathParam() {
        return "postingId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT village_id FROM posting WHERE id = $1";
    }
}
