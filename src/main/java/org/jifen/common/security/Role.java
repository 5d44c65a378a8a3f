package org.jifen.common.security;

/** Staff roles of API.md; the first two have town scope, the others village scope. */
public enum Role {
    TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, REVIEWER, CLERK;

    /** Role names for {@code @RolesAllowed}; a TOWN_ADMIN may do all a village role may. */
    public static final String TOWN_ADMIN_ = "TOWN_ADMIN";
    public static final String INSPECTOR_ = "INSPECTOR";
    public static final String SECRETARY_ = "SECRETARY";
    public static final String OFFICER_ = "OFFICER";
    public static final String REVIEWER_ = "REVIEWER";
    public static final String CLERK_ = "CLERK";
    /** The role of a villager logged in to the portal. */
    public static final String HOUSEHOLD_ = "HOUSEHOLD";

    public boolean townScoped() {
        return this == TOWN_ADMIN || this == INSPECTOR;
    }
}
