package org.jifen.common.security;

import java.security.Principal;

/** The logged-in staff member, as the token resolved it. {@code villageId} is null for town roles. */
public record StaffPrincipal(long staffId, String username, Role role, long townId, Long villageId) implements Principal {

    @Override
    public String getName() {
        return username;
    }

    public boolean townScoped() {
        return role.townScoped();
    }
}
