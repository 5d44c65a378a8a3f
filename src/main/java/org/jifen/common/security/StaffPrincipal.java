package org.jifen.common.security;

import java.security.Principal;

/**
 * The logged-in staff member, as the token resolved it. {@code villageId} is null for town roles; {@code townId} is
 * {@link #NO_TOWN} for a COUNTY_ADMIN, which belongs to no town (no town has that id, so it matches none).
 */
public record StaffPrincipal(long staffId, String username, Role role, long townId, Long villageId) implements Principal {

    /** The town id of a COUNTY_ADMIN: names no town. */
    public static final long NO_TOWN = 0;

    @Override
    public String getName() {
        return username;
    }

    public boolean townScoped() {
        return role.townScoped();
    }
}
