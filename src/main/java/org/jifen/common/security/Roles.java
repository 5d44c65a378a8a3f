package org.jifen.common.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.jifen.common.security.Role.*;

/**
 * The access policy in one place. Endpoints name a permission set ({@code @RolesAllowed(Roles.OFFICERS)}), never a
 * list of staff roles; {@link TokenIdentityProvider} grants each staff member the sets its role belongs to (once per session it builds and
 * caches, not per request). Village scope (an
 * officer of one village never reaches another's data) is checked apart from this, by {@link ScopeFilter}.
 * A TOWN_ADMIN is in every set but {@link #COUNTY_ADMINS}: it may do all a village role may, in every village of its town;
 * a COUNTY_ADMIN is in {@link #COUNTY_ADMINS} only. {@code AccessPolicyTest} lists
 * every endpoint with the staff roles it admits.
 */
public final class Roles {

    /** Every staff role: reads of a village (households, cards, points, postings, notices, shop). */
    public static final String STAFF = "set:staff";
    /** Staff but clerks: entries under review, objections, deed reports, the ledger check. */
    public static final String POINTS_READERS = "set:points-readers";
    /** Staff but reviewers: the shop's pages and figures. */
    public static final String SHOP_READERS = "set:shop-readers";
    /** Staff who keep a village's records: households, members, cards, notices, stock records, redemption days. */
    public static final String RECORD_KEEPERS = "set:record-keepers";
    /** Registration of entries, goods, purchases, transfers, deed reports. */
    public static final String OFFICERS = "set:officers";
    /** Signing and publishing notices, adjustments, reversals of postings, village settings. */
    public static final String SECRETARIES = "set:secretaries";
    /** Reviewing entries. */
    public static final String REVIEWERS = "set:reviewers";
    /** Closing a month. */
    public static final String MONTH_CLOSERS = "set:month-closers";
    /** Redeeming at the shop counter. */
    public static final String REDEEMERS = "set:redeemers";
    /** Photos of a redemption day. */
    public static final String SHOP_KEEPERS = "set:shop-keepers";
    /** The audit trail, WeChat bindings, town catalog and settings as read. */
    public static final String TRAIL_READERS = "set:trail-readers";
    /** The town's notice settings as read. */
    public static final String NOTICE_SETTINGS_READERS = "set:notice-settings-readers";
    /** The yearly audit archive of a village (zip of ledger, tables, vouchers and photos). */
    public static final String ARCHIVE_READERS = "set:archive-readers";
    /** Town-wide views: every village's ratings and staff. */
    public static final String TOWN_READERS = "set:town-readers";
    /**
     * The town's oversight (督查): spot checks, their results, closing 整改 items, shop inspections. The one set in which
     * an INSPECTOR writes; {@link ScopeFilter} lets an INSPECTOR's write through only on endpoints that name it.
     */
    public static final String OVERSIGHT = "set:oversight";
    /** Creating villages and staff; the town's catalog and settings. */
    public static final String TOWN_ADMINS = "set:town-admins";
    /** The three-in-one ledger (三合一总台账) and its completeness check (不可留白), as read. */
    public static final String LEDGER_READERS = "set:ledger-readers";
    /** Confirming (签字) a closed month's detail and a redemption day's record for the ledger. */
    public static final String LEDGER_SIGNERS = "set:ledger-signers";
    /** The county (several towns in one install): creating towns and their first TOWN_ADMIN, per-town counts. */
    public static final String COUNTY_ADMINS = "set:county-admins";
    /** A villager logged in to the portal (not a staff role). */
    public static final String HOUSEHOLD = Role.HOUSEHOLD_;

    /** Each permission set with the staff roles in it. */
    public static final Map<String, Set<Role>> SETS = sets();

    private Roles() {
    }

    private static Map<String, Set<Role>> sets() {
        Map<String, Set<Role>> m = new LinkedHashMap<>();
        m.put(STAFF, EnumSet.complementOf(EnumSet.of(COUNTY_ADMIN)));
        m.put(POINTS_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, REVIEWER));
        m.put(SHOP_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, CLERK));
        m.put(RECORD_KEEPERS, EnumSet.of(TOWN_ADMIN, SECRETARY, OFFICER));
        m.put(OFFICERS, EnumSet.of(TOWN_ADMIN, OFFICER));
        m.put(SECRETARIES, EnumSet.of(TOWN_ADMIN, SECRETARY));
        m.put(REVIEWERS, EnumSet.of(TOWN_ADMIN, REVIEWER));
        m.put(MONTH_CLOSERS, EnumSet.of(TOWN_ADMIN, REVIEWER, SECRETARY));
        m.put(REDEEMERS, EnumSet.of(TOWN_ADMIN, OFFICER, CLERK));
        m.put(SHOP_KEEPERS, EnumSet.of(TOWN_ADMIN, SECRETARY, OFFICER, CLERK));
        m.put(TRAIL_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER));
        m.put(NOTICE_SETTINGS_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY));
        m.put(ARCHIVE_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY));
        m.put(TOWN_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR));
        m.put(OVERSIGHT, EnumSet.of(TOWN_ADMIN, INSPECTOR));
        m.put(TOWN_ADMINS, EnumSet.of(TOWN_ADMIN));
        m.put(LEDGER_READERS, EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER));
        m.put(LEDGER_SIGNERS, EnumSet.of(TOWN_ADMIN, REVIEWER, SECRETARY));
        m.put(COUNTY_ADMINS, EnumSet.of(COUNTY_ADMIN));
        return Map.copyOf(m);
    }

    private static final Map<Role, Set<String>> BY_ROLE = byRole();

    /** The permission sets a staff role belongs to. */
    public static Set<String> setsOf(Role role) {
        return BY_ROLE.get(role);
    }

    private static Map<Role, Set<String>> byRole() {
        Map<Role, Set<String>> m = new java.util.EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Set<String> out = new java.util.TreeSet<>();
            SETS.forEach((set, roles) -> {
                if (roles.contains(role)) {
                    out.add(set);
                }
            });
            m.put(role, Set.copyOf(out));
        }
        return m;
    }
}
