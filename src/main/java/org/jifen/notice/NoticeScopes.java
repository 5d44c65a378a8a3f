package org.jifen.notice;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** Village scope of the ids this feature puts in paths. */
public final class NoticeScopes {

    private NoticeScopes() {
    }

    /** {@code {noticeId}} belongs to the notice's village. */
    @ApplicationScoped
    public static class NoticeIdScope implements VillageOf {
        @Override
        public String pathParam() {
            return "noticeId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM notice WHERE id = $1";
        }
    }

    /** {@code {objectionId}} belongs to the village of the notice it objects to. */
    @ApplicationScoped
    public static class ObjectionIdScope implements VillageOf {
        @Override
        public String pathParam() {
            return "objectionId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT n.village_id FROM objection o JOIN notice n ON n.id = o.notice_id WHERE o.id = $1";
        }
    }
}
