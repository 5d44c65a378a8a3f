package org.jifen.workspace;

import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;

import java.time.YearMonth;
import java.util.List;

/**
 * The places of the staff header, in their order: where each one leads for a village and who may go there. Each place
 * names the permission sets ({@link Roles}) of the page it leads to, so the header shows a place exactly to the roles
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
    /**
     * The three-in-one ledger (台账): the completeness page of the year of the last ended month, i.e. what is still
     * missing (不可留白) in the year being kept, with the print view and PDF one click away. In January that is last
     * year's book, whose December is closed and signed then; from February on, this year's.
     */
    LEDGER_BOOK("台账", Roles.LEDGER_READERS, Roles.LEDGER_SIGNERS),
    /**
     * Oversight (督查): a village's 整改 items, which every role may read (the secretary answers them, a town role closes
     * them; the officer, reviewer and clerk see what the spot checks and shop inspections found in their work). A town
     * role without a village chosen goes to the town's oversight page.
     */
    OVERSIGHT("督查", Roles.STAFF);

    public final String label;
    /** The permission sets of the place's page (its {@code @RolesAllowed}). */
    public final List<String> permissions;

    Place(String label, String... permissions) {
        this.label = label;
        this.permissions = List.of(permissions);
    }

    /** The name templates use, e.g. {@code 'households'} in {@code {#include staff place='households'}}. */
    public String key() {
        return name().toLowerCase().replace("_", "-");
    }

    public boolean shownTo(Role role) {
        return permissions.stream().anyMatch(set -> Roles.SETS.get(set).contains(role));
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
            case LEDGER_BOOK -> v + "/years/" + lastMonth.getYear() + "/completeness";
            case OVERSIGHT -> v + "/rectifications";
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
