package org.jifen.workspace;

import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * What the one staff header shows: who is signed in and in which role, the village being worked on (a town role
 * switches between the town's villages), and the places of {@link Place} this role may go to, the current one marked.
 *
 * @param village  the village the page is about; null on the village list (and for a town role on a page of no village)
 * @param villages the town's villages to switch to (town roles only, else empty)
 * @param atList   a town role on the village list (its "all villages" link is the current place)
 */
public record StaffHeader(String displayName, String roleName, boolean townScoped, Village village, List<Village> villages,
                          List<Item> items, boolean atList) {

    public record Village(long id, String name) {
    }

    /** One place; {@code href} is null where it cannot be opened (no village chosen, and no town-wide page). */
    public record Item(String place, String label, String href, boolean current) {
    }

    /** The place name of the village list page. */
    public static final String VILLAGE_LIST = "villages";

    /** The roles in Chinese (as the staff form of {@code town.VillagePages} names them). */


    /**
     * The header of {@code me} on a page of {@code village} (null for none) that names {@code place}. A village role's
     * own list of villages is its home.
     */
    public static StaffHeader of(StaffPrincipal me, String displayName, Village village, List<Village> villages, String place,
                                 YearMonth lastMonth) {
        Role role = me.role();
        Place current = VILLAGE_LIST.equals(place) && !me.townScoped() ? Place.HOME : Place.of(place);
        List<Item> items = new ArrayList<>();
        for (Place p : Place.values()) {
            if (p.shownTo(role)) {
                String href = village != null ? p.href(village.id(), lastMonth) : me.townScoped() ? p.townHref() : null;
                items.add(new Item(p.key(), p.label, href, p == current));
            }
        }
        return new StaffHeader(displayName, role.label, me.townScoped(), village,
                me.townScoped() ? villages : List.of(), items, me.townScoped() && VILLAGE_LIST.equals(place));
    }
}
