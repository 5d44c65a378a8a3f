package org.jifen.workspace;

import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;

import java.time.YearMonth;

/**
 * The places of the staff header, in their order: where each one leads for a village and who may go there. Each place
 * names the permission set ({@link Roles}) of the page it leads to, so the header shows a place exactly to the roles
 * its page admits ({@code PlaceTest} compares them with the endpoints' {@code @RolesAllowed}). Pure.
 */
public enum Place {
    HOME("首页", Roles.STAFF),
    HOUSEHOLDS("农户", Roles.STAFF),
    REGISTRATION("月登记", Roles.OFFICERS),
    REVIEW("评议", Roles.POINTS_READERS),
    CLOSE("月结", Roles.POINTS_READERS),
    SHOP("超市", Roles.SHOP_READERS),
    NOTICES("公示", Roles.POINTS_READERS),
    AUDIT("操作记录", Roles.TRAIL_READERS),
    /** The year-end ledger book (台账): no page yet, shown disabled to every role. */
    LEDGER_BOOK("台账", Roles.STAFF),
    /**
     * Oversight (督查): a village's 整改 items, which every role may read (the secretary answers them, a town role closes
     * them; the officer, reviewer and clerk see what the spot checks and shop inspections found in their work). A town
     * role without a village chosen goes to the town's oversight page.
     */
    OVERSIGHT("督查", Roles.STAFF);

    public final String label;
    /** The permission set of the place's page. */
    public final String permission;

    Place(String label, String permission) {
        this.label = label;
        this.permission = permission;
    }

    /** The name templates use, e.g. {@code 'households'} in {@code {#include staff place='households'}}. */
    public String key() {
        return name().toLowerCase().replace("_", "-");
    }

    public boolean shownTo(Role role) {
        return Roles.SETS.get(permission).contains(role);
    }

    /** Whether the page exists yet; a place without one is shown disabled. */
    public boolean built() {
        return this != LEDGER_BOOK;
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
            case OVERSIGHT -> v + "/rectifications";
            case LEDGER_BOOK -> null;
        };
    }

    /** The town-wide page of this place, for a town role with no village chosen (permission set {@link Roles#TOWN_READERS}), or null. */
    public String townHref() {
        return this == OVERSIGHT ? "/oversight" : null;
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
