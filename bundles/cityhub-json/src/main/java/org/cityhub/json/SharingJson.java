package org.cityhub.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantDraft;
import org.cityhub.api.sharing.GrantOwner;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.sharing.Selection;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Grants in their JSON shape ({@code shared/DECISIONS.md}, "Sharing"): {@code {"id", "owner": {"department"},
 * "grantee", "select": {"things", "channels", "tags", "thingTypes"}, "rights", "purpose", "expires"?, "created",
 * "createdBy", "revoked"?, "revokedBy"?}}.
 *
 * @since 1.2
 */
public final class SharingJson {

    private static final Set<String> DRAFT_FIELDS = Set.of("id", "owner", "grantee", "select", "rights", "purpose",
            "expires");
    private static final Set<String> SELECT_FIELDS = Set.of("things", "channels", "tags", "thingTypes");

    private SharingJson() {
    }

    /** A grant as shown and stored, with {@code active} saying whether it is in force at {@code now}. */
    public static ObjectNode grant(Grant grant, Instant now) {
        ObjectNode node = Json.object().put("id", grant.id());
        node.set("owner", owner(grant.owner()));
        node.put("grantee", grant.grantee());
        node.set("select", selection(grant.selection()));
        ArrayNode rights = node.putArray("rights");
        grant.rights().forEach(right -> rights.add(right.id()));
        node.put("purpose", grant.purpose());
        putInstant(node, "expires", grant.expires());
        node.put("created", grant.created().toString()).put("createdBy", grant.createdBy());
        putInstant(node, "revoked", grant.revoked());
        String revokedBy = grant.revokedBy();
        if (revokedBy != null) {
            node.put("revokedBy", revokedBy);
        }
        return node.put("active", grant.activeAt(now));
    }

    /**
     * A grant asked for: {@code owner}, {@code grantee}, {@code select}, {@code rights} and {@code purpose}
     * required, {@code id} and {@code expires} (ISO-8601) optional; nothing else.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static GrantDraft parseDraft(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a grant is a JSON object: {\"owner\": {\"department\": …}, \"grantee\","
                    + " \"select\", \"rights\", \"purpose\"}");
        }
        Fields.onlyFields(node, DRAFT_FIELDS, "a grant");
        JsonNode id = node.get("id");
        if (id != null && !id.isTextual()) {
            throw new IllegalArgumentException("'id' must be a string");
        }
        return new GrantDraft(id == null ? null : id.asText(), parseOwner(node.get("owner")),
                Fields.requireText(node, "grantee"), parseSelection(node.get("select")), parseRights(node.get("rights")),
                Fields.requireText(node, "purpose"), Fields.optionalInstant(node, "expires"));
    }

    /**
     * A stored grant, as {@link #grant} wrote it.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static Grant parseGrant(JsonNode node) {
        GrantDraft draft = parseDraft(withoutStoredFields(node));
        Instant created = Fields.optionalInstant(node, "created");
        if (draft.id() == null || created == null) {
            throw new IllegalArgumentException("a stored grant has an 'id' and a 'created' time");
        }
        JsonNode revokedBy = node.get("revokedBy");
        return new Grant(draft.id(), draft.owner(), draft.grantee(), draft.selection(), draft.rights(), draft.purpose(),
                draft.expires(), created, node.path("createdBy").asText("unknown"), Fields.optionalInstant(node, "revoked"),
                revokedBy == null ? null : revokedBy.asText());
    }

    private static JsonNode withoutStoredFields(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.remove(Set.of("created", "createdBy", "revoked", "revokedBy", "active"));
        return copy;
    }

    private static ObjectNode owner(GrantOwner owner) {
        String department = owner.department();
        return department != null ? Json.object().put("department", department)
                : Json.object().put("household", owner.household());
    }

    private static GrantOwner parseOwner(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("'owner' must be {\"department\": \"<name>\"} or {\"household\":"
                    + " \"<id>\"}");
        }
        Fields.onlyFields(node, Set.of("department", "household"), "'owner'");
        JsonNode department = node.get("department");
        JsonNode household = node.get("household");
        return new GrantOwner(department == null ? null : department.asText(),
                household == null ? null : household.asText());
    }

    private static ObjectNode selection(Selection selection) {
        ObjectNode node = Json.object();
        putAll(node, "things", selection.things());
        putAll(node, "channels", selection.channels());
        putAll(node, "tags", selection.tags());
        putAll(node, "thingTypes", selection.thingTypes());
        return node;
    }

    private static void putAll(ObjectNode node, String field, Set<?> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(value -> array.add(value.toString()));
        }
    }

    private static Selection parseSelection(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("'select' must be an object with one or more of \"things\","
                    + " \"channels\", \"tags\", \"thingTypes\"");
        }
        Fields.onlyFields(node, SELECT_FIELDS, "'select'");
        return new Selection(list(node, "things", ThingUID::parse), list(node, "channels", ChannelUID::parse),
                list(node, "tags", tag -> tag), list(node, "thingTypes", ThingTypeUID::parse));
    }

    private static <T> Set<T> list(JsonNode select, String field, Function<String, T> parser) {
        JsonNode array = select.get(field);
        Set<T> values = new LinkedHashSet<>();
        if (array == null) {
            return values;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("'select." + field + "' must be an array of strings");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (!value.isTextual()) {
                throw new IllegalArgumentException("'select." + field + "[" + i + "]' must be a string");
            }
            try {
                values.add(parser.apply(value.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'select." + field + "[" + i + "]': " + e.getMessage(), e);
            }
        }
        return values;
    }

    private static Set<Right> parseRights(@Nullable JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("'rights' must be [\"read\"] or [\"read\", \"command\"]");
        }
        Set<Right> rights = EnumSet.noneOf(Right.class);
        for (JsonNode right : node) {
            rights.add(Right.parse(right.asText()));
        }
        if (!rights.contains(Right.READ)) {
            throw new IllegalArgumentException("'rights' must include \"read\": a department cannot command what it"
                    + " may not see");
        }
        return rights;
    }

    private static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
