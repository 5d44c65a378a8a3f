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
        return value == null ? null : json.convertValue(value, Map.class);
    }
}
