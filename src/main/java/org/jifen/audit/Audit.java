package org.jifen.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Records who changed what. Call inside the transaction of the write itself, so the trail and the
 * change commit together.
 */
@ApplicationScoped
public class Audit {

    @Inject
    ObjectMapper json;

    public Uni<Void> record(String actor, long townId, Long villageId, String action, String entity, Object entityId,
                            Object before, Object after) {
        AuditLog row = new AuditLog();
        row.actor = actor;
        row.townId = townId;
        row.villageId = villageId;
        row.action = action;
        row.entity = entity;
        row.entityId = entityId == null ? null : entityId.toString();
        row.before = toJson(before);
        row.after = toJson(after);
        return row.persist().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toJson(Object value) {
        if (value == null) {
            return null;
        }
        // Through JSON text, so that numbers have the types Hibernate reads back (an Integer, not a Long, for 7):
        // otherwise the JSON column looks dirty at flush and the append-only audit_log refuses the UPDATE.
        try {
            return json.readValue(json.writeValueAsString(value), Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("audit image is not JSON", e);
        }
    }
}
