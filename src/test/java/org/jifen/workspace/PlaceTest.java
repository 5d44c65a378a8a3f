package org.jifen.workspace;

import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Each place of the header leads to a page that admits exactly the roles the header shows the place to. */
class PlaceTest {

    @Test
    void everyPlaceIsShownExactlyToTheRolesItsPageAdmits() throws Exception {
        Map<String, Set<String>> pages = StaffWorkspaceBrowserTest.staffHtmlPages();
        List<String> wrong = new ArrayList<>();
        for (Place p : Place.values()) {
            check(p + " " + p.href(7, YearMonth.of(2026, 1)), p.href(7, YearMonth.of(2026, 1)), roles(p), pages, wrong);
            if (p.townHref() != null) {
                Set<String> town = new java.util.TreeSet<>();
                Roles.SETS.get(Roles.TOWN_READERS).forEach(r -> town.add(r.name()));
                check(p + " " + p.townHref(), p.townHref(), town, pages, wrong);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void oversightLeadsToTheVillagesRectificationsAndForTheTownToItsOversightPage() {
        assertEquals("/villages/7/rectifications", Place.OVERSIGHT.href(7, YearMonth.of(2026, 1)));
        assertEquals("/oversight", Place.OVERSIGHT.townHref());
        // every role of a town; the county admin belongs to no town and has no places
        assertEquals(EnumSet.complementOf(EnumSet.of(Role.COUNTY_ADMIN)),
                EnumSet.copyOf(Arrays.stream(Role.values()).filter(Place.OVERSIGHT::shownTo).toList()));
        assertNull(Place.SHOP.townHref());
    }

    @Test
    void theLedgerOpensOnTheYearOfTheLastEndedMonth() {
        assertEquals("/villages/7/years/2025/completeness", Place.LEDGER_BOOK.href(7, YearMonth.of(2025, 12)));
        assertEquals("/villages/7/years/2026/completeness", Place.LEDGER_BOOK.href(7, YearMonth.of(2026, 1)));
        assertFalse(Place.LEDGER_BOOK.shownTo(Role.CLERK));
        assertTrue(Place.LEDGER_BOOK.shownTo(Role.REVIEWER));
    }

    private static void check(String what, String href, Set<String> shownTo, Map<String, Set<String>> pages, List<String> wrong) {
        String template = pages.keySet().stream().filter(t -> href.matches(t.replaceAll("\\{[^}]+}", "[^/]+"))).findFirst().orElse(null);
        if (template == null) {
            wrong.add(what + ": no staff page there");
        } else if (!pages.get(template).equals(shownTo)) {
            wrong.add(what + ": shown to " + shownTo + " but " + template + " admits " + pages.get(template));
        }
    }

    private static Set<String> roles(Place p) {
        Set<String> out = new java.util.TreeSet<>();
        for (Role r : Role.values()) {
            if (p.shownTo(r)) {
                out.add(r.name());
            }
        }
        return out;
    }
}
