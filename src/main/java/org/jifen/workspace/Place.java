package org.jifen.workspace;

import org.jifen.common.security.Role;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;

import static org.jifen.common.security.Role.*;

/**
 * The places of the staff header, in their order: where each one leads for a village and who may go there. The
 * endpoints check the same roles with {@code @RolesAllowed}; this only leaves out a link that would be refused
 * ({@code StaffWorkspaceBrowserTest} opens every link each role is shown). Pure.
 */
public enum Place {
    HOME("首页", EnumSet.allOf(Role.class)),
    HOUSEHOLDS("农户", EnumSet.allOf(Role.class)),
    REGISTRATION("月登记", EnumSet.of(TOWN_ADMIN, OFFICER)),
    REVIEW("评议", EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, REVIEWER)),
    CLOSE("月结", EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, REVIEWER)),
    SHOP("超市", EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, CLERK)),
    NOTICES("公示", EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER, REVIEWER)),
    AUDIT("操作记录", EnumSet.of(TOWN_ADMIN, INSPECTOR, SECRETARY, OFFICER)),
    /** The year-end ledger book (台账): no page yet, shown disabled to every role. */
    LEDGER_BOOK("台账", EnumSet.allOf(Role.class)),
    /** Oversight (督查): no page yet, shown disabled to town roles. */
    OVERSIGHT("督查", EnumSet.of(TOWN_ADMIN, INSPECTOR));

    public final String label;
    private final Set<Role> roles;

    Place(String label, Set<Role> roles) {
        this.label = label;
        this.roles = roles;
    }

    /** The name templates use, e.g. {@code 'households'} in {@code {#include staff place='households'}}. */
    public String key() {
        return name().toLowerCase().replace("_", "-");
    }

    public boolean shownTo(Role role) {
        return roles.contains(role);
    }

    /** Whether the page exists yet; a place without one is shown disabled. */
    public boolean built() {
        return this != LEDGER_BOOK && this != OVERSIGHT;
    }

    /** The page of this place for the village; {@code lastMonth} is the month the close page opens on. */
    public String href(long villageId, YearMonth lastMonth) {
        String v = "/villages/" + villageId;
        return switch (this) {
            case HOME -> v;
            case HOUSEHOLDS -> v + "/households";
            case REGISTRATION -> v + "/registration";
            case REVIEW -> v + "/review";
            case CLOSE -> v + "/months/" + lastMonth + "/close";
            case SHOP -> v + "/shop";
            case NOTICES -> v + "/notices";
            case AUDIT -> v + "/audit";
            case LEDGER_BOOK, OVERSIGHT -> null;
        };
    }

    /** The place a template names, or null (the village list names none of these). */
    public static Place of(String key) {
        for (Place p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        return null;
    }
}
