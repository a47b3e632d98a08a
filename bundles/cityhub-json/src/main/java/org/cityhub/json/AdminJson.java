package org.cityhub.json;

import java.time.Instant;

import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.TokenInfo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What admins read: token descriptions and audit entries in their JSON shapes. */
public final class AdminJson {

    private AdminJson() {
    }

    /** A token's description (never its secret or hash): name, role, departments (households for a resident), created, createdBy, expires. */
    public static ObjectNode token(TokenInfo info) {
        ObjectNode node = Json.object().put("name", info.name()).put("role", info.role().id());
        if (info.isResident()) {
            info.households().stream().sorted().forEach(node.putArray("households")::add);
        } else {
            node.put("departments", info.scope().toString());
        }
        node.put("created", info.created().toString()).put("createdBy", info.createdBy());
        Instant expires = info.expires();
        if (expires != null) {
            node.put("expires", expires.toString());
        }
        return node;
    }

    /** An audit entry: time, actor, source, action, target, detail, outcome. */
    public static ObjectNode auditEntry(AuditEntry entry) {
        return Json.object().put("time", entry.time().toString()).put("actor", entry.actor())
                .put("source", entry.source()).put("action", entry.action()).put("target", entry.target())
                .put("detail", entry.detail()).put("outcome", entry.outcome());
    }
}
