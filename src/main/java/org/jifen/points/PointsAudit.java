package org.jifen.points;

import org.jifen.audit.Audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@link Audit} for the points feature. Payloads are first put in their JSON form (numbers as JSON reads
 * them back), so Hibernate's dirty check on the jsonb columns sees no change at flush and never tries to
 * UPDATE the append-only audit row.
 */
@ApplicationScoped
public class PointsAudit {

    @Inject
    Audit audit;

    @Inject
    ObjectMapper json;

    public Uni<Void> record(String actor, long townId, Long villageId, String action, String entity, Object entityId,
                            Object before, Object after) {
        return audit.record(actor, townId, villageId, action, entity, entityId, normalize(before), normalize(after));
    }

    private Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(json.writeValueAsString(value), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit payload is not JSON", e);
        }
    }
}
