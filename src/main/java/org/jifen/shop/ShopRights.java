package org.jifen.shop;

import org.jifen.common.security.Role;

/**
 * What a role may do on the shop pages, so a page shows only the forms its reader may submit. The endpoints check
 * the same roles with {@code @RolesAllowed}; this only hides what would be refused. Pure.
 *
 * @param stock     add goods, book purchases, transfer stock, change prices and photos
 * @param writeOff  write off a batch (报损)
 * @param settings  change the shop settings
 * @param days      open a redemption day
 * @param dayPhotos add photos to a redemption day (图文佐证)
 * @param reverse   reverse a redemption
 */
public record ShopRights(boolean stock, boolean writeOff, boolean settings, boolean days, boolean dayPhotos, boolean reverse) {

    public static ShopRights of(Role role) {
        return switch (role) {
            case TOWN_ADMIN -> new ShopRights(true, true, true, true, true, true);
            case OFFICER -> new ShopRights(true, true, true, true, true, true);
            case SECRETARY -> new ShopRights(false, true, true, true, true, true);
            case CLERK -> new ShopRights(false, false, false, false, true, false);
            case INSPECTOR, REVIEWER, COUNTY_ADMIN -> new ShopRights(false, false, false, false, false, false);
        };
    }
}
