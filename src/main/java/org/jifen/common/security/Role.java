package org.jifen.common.security;

/**
 * Staff roles of API.md; the first two have town scope, the next four village scope. {@link #COUNTY_ADMIN} (a
 * county install with several towns) belongs to no town: it creates towns and their first TOWN_ADMIN, and reads
 * per-town counts; it reaches no town's or village's data.
 */
public enum Role {
    TOWN_ADMIN("镇管理员"), INSPECTOR("镇督查员"), SECRETARY("村党支部书记"), OFFICER("乡村振兴专干"), REVIEWER("评议组"),
    CLERK("超市管理员"), COUNTY_ADMIN("县级管理员");

    /** The role's name as people in the town say it (pages, headers, forms). */
    public final String label;

    Role(String label) {
        this.label = label;
    }

    /** Role name → its label, village roles first, as the staff form offers them. */
    public static java.util.Map<String, String> labels() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Role r : new Role[]{OFFICER, SECRETARY, REVIEWER, CLERK, INSPECTOR, TOWN_ADMIN}) {
            m.put(r.name(), r.label);
        }
        return m;
    }

    /** Role names for {@code @RolesAllowed}; a TOWN_ADMIN may do all a village role may. */
    public static final String TOWN_ADMIN_ = "TOWN_ADMIN";
    public static final String INSPECTOR_ = "INSPECTOR";
    public static final String SECRETARY_ = "SECRETARY";
    public static final String OFFICER_ = "OFFICER";
    public static final String REVIEWER_ = "REVIEWER";
    public static final String CLERK_ = "CLERK";
    public static final String COUNTY_ADMIN_ = "COUNTY_ADMIN";
    /** The role of a villager logged in to the portal. */
    public static final String HOUSEHOLD_ = "HOUSEHOLD";

    public boolean townScoped() {
        return this == TOWN_ADMIN || this == INSPECTOR;
    }
}
