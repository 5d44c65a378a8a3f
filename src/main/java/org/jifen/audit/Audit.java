package org.jifen.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.List;

/**
 * The one Java writer of the append-only audit trail (who changed what). Call it with the connection of the change
 * itself ({@code pool.withTransaction(tx -> ... audit.record(tx, ...))}), so the trail and the change commit together.
 * The other writer is set-based and lives in SQL: {@code shop_redeem} / {@code shop_redeem_batch}
 * ({@code R__shop.sql}) write a redemption's audit row in the same statement as the redemption.
 * Images ({@code before}, {@code after}) are any object Jackson can write as a JSON object (a record, a map), or null.
 */
@ApplicationScoped
public class Audit {

    /** One change in a batch: the same action on many rows (an import). */
    public record Change(String action, Object entityId, Object before, Object after) {
    }

    private static final String INSERT = """
            INSERT INTO audit_log (town_id, village_id, actor, action, entity, entity_id, before, after)
            SELECT $1, $2, $3, a.action, $4, a.entity_id, a.before::jsonb, a.after::jsonb
              FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS a(action, entity_id, before, after)""";

    @Inject
    ObjectMapper json;

    public Uni<Void> record(SqlClient tx, StaffPrincipal actor, Long villageId, String action, String entity,
                            Object entityId, Object before, Object after) {
        return record(tx, actor.username(), actor.townId(), villageId, action, entity, entityId, before, after);
    }

    public Uni<Void> record(SqlClient tx, String actor, long townId, Long villageId, String action, String entity,
                            Object entityId, Object before, Object after) {
        return recordAll(tx, actor, townId, villageId, entity, List.of(new Change(action, entityId, before, after)));
    }

    /** Many rows in one statement, for set-based work such as a roster import. */
    public Uni<Void> recordAll(SqlClient tx, String actor, long townId, Long villageId, String entity, List<Change> changes) {
        int n = changes.size();
        String[] actions = new String[n], ids = new String[n], befores = new String[n], afters = new String[n];
        for (int i = 0; i < n; i++) {
            Change c = changes.get(i);
            actions[i] = c.action();
            ids[i] = c.entityId() == null ? null : c.entityId().toString();
            befores[i] = text(c.before());
            afters[i] = text(c.after());
        }
        return Sql.exec(tx, INSERT, Sql.args(townId, villageId, actor, entity, actions, ids, befores, afters)).replaceWithVoid();
    }

    private String text(Object image) {
        if (image == null) {
            return null;
        }
        try {
            return image instanceof String s ? s : json.writeValueAsString(image);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit image is not JSON: " + image.getClass().getName(), e);
        }
    }
}
