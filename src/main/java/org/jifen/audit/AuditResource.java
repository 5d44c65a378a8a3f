package org.jifen.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.jifen.common.db.Sql;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;


/** The audit trail of one village, newest first, for the staff who answer for it and the town. */
@Path("/api")
public class AuditResource {

    public record Entry(long id, OffsetDateTime at, String actor, String action, String entity, String entityId,
                        Map<String, Object> before, Map<String, Object> after) {
    }

    public record Page(List<Entry> items, long total, int page, int size) {
    }

    @Inject
    Pool pool;

    @GET
    @Path("/villages/{villageId}/audit")
    @RolesAllowed(Roles.TRAIL_READERS)
    public Uni<Page> list(@PathParam("villageId") long villageId,
                          @QueryParam("entity") String entity,
                          @QueryParam("entityId") String entityId,
                          @QueryParam("actor") String actor,
                          @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100000) int page,
                          @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return read(villageId, entity, entityId, actor, page, size);
    }

    /** One page of the village's trail, newest first; {@code entity}, {@code entityId} and {@code actor} filter when given. */
    public Uni<Page> read(long villageId, String entity, String entityId, String actor, int page, int size) {
        String where = " FROM audit_log WHERE village_id = $1 AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)"
                + " AND ($4::text IS NULL OR actor = $4)";
        Tuple filter = Sql.args(villageId, blankToNull(entity), blankToNull(entityId), blankToNull(actor));
        Uni<Long> total = Sql.first(pool, "SELECT count(*) AS n" + where, filter, r -> r.getLong("n"));
        Uni<List<Entry>> items = Sql.list(pool, "SELECT id, at, actor, action, entity, entity_id, before, after" + where
                        + " ORDER BY id DESC LIMIT " + size + " OFFSET " + (long) (page - 1) * size, filter,
                r -> new Entry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("actor"), r.getString("action"),
                        r.getString("entity"), r.getString("entity_id"), map(r.getValue("before")), map(r.getValue("after"))));
        return Uni.combine().all().unis(items, total).asTuple().map(t -> new Page(t.getItem1(), t.getItem2(), page, size));
    }

    private static Map<String, Object> map(Object json) {
        return json instanceof JsonObject o ? o.getMap() : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
