package org.jifen.household;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** {@code {memberId}} in a path belongs to the village of the member's household. */
@ApplicationScoped
public class MemberScope implements VillageOf {

    @Override
    public String pathParam() {
        return "memberId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT h.village_id FROM member m JOIN household h ON h.id = m.household_id WHERE m.id = $1";
    }
}
