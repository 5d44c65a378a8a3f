package org.jifen.common.security;

/** The one rule of who may act on which village. Pure, unit-tested. */
public final class VillageScope {

    private VillageScope() {
    }

    /** Town roles reach every village of their town; village roles only their own village. */
    public static boolean allows(StaffPrincipal staff, long villageId, long villageTownId) {
        if (staff.townScoped()) {
            return staff.townId() == villageTownId;
        }
        return staff.villageId() != null && staff.villageId() == villageId;
    }

    /** An INSPECTOR reads and never changes. */
    public static boolean mayWrite(StaffPrincipal staff) {
        return staff.role() != Role.INSPECTOR;
    }
}
