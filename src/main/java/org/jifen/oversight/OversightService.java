package org.jifen.oversight;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.PhotoUploads;
import org.jifen.common.security.StaffPrincipal;

/** Photos attached to what the town found: a spot-check result, a shop-inspection point. */
@ApplicationScoped
public class OversightService {

    static final String RESULT = "spot-check-result";
    static final String POINT = "shop-inspection-point";

    @Inject
    Pool pool;

    @Inject
    SpotChecks spotChecks;

    @Inject
    ShopInspections inspections;

    @Inject
    OversightPhotos photos;

    public Uni<OversightPhotos.Stored> resultPhoto(StaffPrincipal actor, long resultId, PhotoUploads.Upload photo) {
        return pool.withTransaction(tx -> spotChecks.villageOfResult(tx, resultId)
                .flatMap(villageId -> photos.store(tx, actor, villageId, RESULT, resultId, photo)));
    }

    public Uni<OversightPhotos.Stored> pointPhoto(StaffPrincipal actor, long inspectionId, String code, PhotoUploads.Upload photo) {
        return pool.withTransaction(tx -> inspections.point(tx, inspectionId, code)
                .flatMap(p -> photos.store(tx, actor, p[0], POINT, p[1], photo)));
    }

    /** A result and its photo (optional) from the phone form, one after the other. */
    public Uni<SpotChecks.Result> recordWithPhoto(StaffPrincipal actor, long spotCheckId, long householdId, boolean matches,
                                                  String note, PhotoUploads.Upload photo) {
        return spotChecks.record(actor, spotCheckId, householdId, matches, note)
                .call(r -> photo == null ? Uni.createFrom().voidItem() : resultPhoto(actor, r.id(), photo));
    }
}
