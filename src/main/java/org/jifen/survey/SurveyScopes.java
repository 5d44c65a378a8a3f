package org.jifen.survey;

import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.security.VillageOf;

/** Path ids of needs surveys, each belonging to the village it was recorded in (checked by {@code ScopeFilter}). */
public final class SurveyScopes {

    private SurveyScopes() {
    }

    /** {@code {surveyVisitId}}: a visit belongs to its village. */
    @ApplicationScoped
    public static class Visit implements VillageOf {
        @Override
        public String pathParam() {
            return "surveyVisitId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM survey_visit WHERE id = $1";
        }
    }

    /** {@code {surveyPhotoId}}: a visit's photo belongs to the visit's village. */
    @ApplicationScoped
    public static class Photo implements VillageOf {
        @Override
        public String pathParam() {
            return "surveyPhotoId";
        }

        @Override
        public String villageIdSql() {
            return "SELECT village_id FROM survey_photo WHERE id = $1";
        }
    }
}
