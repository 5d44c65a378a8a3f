package org.jifen.common.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VillageScopeTest {

    private static StaffPrincipal staff(Role role, long town, Long village) {
        return new StaffPrincipal(1, "u", role, town, village);
    }

    @Test
    void shouldLetTownRolesReachEveryVillageOfTheirTownOnly() {
        assertTrue(VillageScope.allows(staff(Role.TOWN_ADMIN, 1, null), 10, 1));
        assertTrue(VillageScope.allows(staff(Role.INSPECTOR, 1, null), 11, 1));
        assertFalse(VillageScope.allows(staff(Role.TOWN_ADMIN, 1, null), 20, 2));
        assertFalse(VillageScope.allows(staff(Role.INSPECTOR, 1, null), 20, 2));
    }

    @Test
    void shouldKeepVillageRolesInTheirOwnVillage() {
        for (Role role : new Role[]{Role.SECRETARY, Role.OFFICER, Role.REVIEWER, Role.CLERK}) {
            assertTrue(VillageScope.allows(staff(role, 1, 10L), 10, 1));
            assertFalse(VillageScope.allows(staff(role, 1, 10L), 11, 1), role + " reached a neighbour village");
        }
    }

    @Test
    void shouldLetOnlyTheInspectorNeverWrite() {
        assertFalse(VillageScope.mayWrite(staff(Role.INSPECTOR, 1, null)));
        assertTrue(VillageScope.mayWrite(staff(Role.TOWN_ADMIN, 1, null)));
        assertTrue(VillageScope.mayWrite(staff(Role.CLERK, 1, 10L)));
    }
}
