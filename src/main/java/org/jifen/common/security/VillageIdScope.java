package org.jifen.common.security;

import jakarta.enterprise.context.ApplicationScoped;

/** {@code {villageId}} in a path names the village itself. */
@ApplicationScoped
public class VillageIdScope implements VillageOf {

    @Override
    public String pathParam() {
        return "villageId";
    }

    @Override
    public String villageIdSql() {
        return "SELECT id FROM village WHERE id = $1";
    }
}
