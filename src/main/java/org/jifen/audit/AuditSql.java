package org.jifen.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link Audit} for code on the reactive SQL client rather than Hibernate: the audit row is written with the caller's
 * connection, in the transaction of the change itself.
 */
/** @deprecated transition only: use {@link Audit#record}. */
@Deprecated
public final class AuditSql {

    private AuditSql() {
    }

    public static Uni<Void> write(SqlClient conn, String actor, long townId, Long villageId, String action, String entity,
                                  Object entityId, JsonObject before, JsonObject after) {
        return conn.preparedQuery("""
                        INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, before, after)
                        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)""")
                .execute(Tuple.from(new Object[]{townId, villageId, actor, action, entity,
                        entityId == null ? null : entityId.toString(), before, after}))
                .replaceWithVoid();
    }
}
