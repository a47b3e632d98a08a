package org.cityhub.json;

import java.time.Instant;
import java.util.Set;

import org.cityhub.api.home.Household;
import org.cityhub.api.home.HouseholdDraft;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Households in their JSON shape: {@code {"id", "label", "address", "district", "office", "created",
 * "createdBy"}}; a draft is the first five.
 *
 * @since 1.3
 */
public final class HomeJson {

    private static final Set<String> DRAFT_FIELDS = Set.of("id", "label", "address", "district", "office");
    private static final Set<String> STORED_FIELDS = Set.of("id", "label", "address", "district", "office", "created",
            "createdBy");

    private HomeJson() {
    }

    /** A household as shown and stored. */
    public static ObjectNode household(Household household) {
        return Json.object().put("id", household.id()).put("label", household.label())
                .put("address", household.address()).put("district", household.district())
                .put("office", household.office()).put("created", household.created().toString())
                .put("createdBy", household.createdBy());
    }

    /**
     * A household as the community office describes it; {@code id} may come from the path instead (then null
     * here means "take the path's").
     *
     * @param pathId the id the route's path names, or null if the body must name it
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static HouseholdDraft parseDraft(JsonNode node, @Nullable String pathId) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a household is a JSON object: {\"id\", \"label\", \"address\","
                    + " \"district\", \"office\"}");
        }
        Fields.onlyFields(node, DRAFT_FIELDS, "a household");
        String id = node.hasNonNull("id") || pathId == null ? Fields.requireText(node, "id") : pathId;
        if (pathId != null && !pathId.equals(id)) {
            throw new IllegalArgumentException("'id' is '" + id + "' but the path names household '" + pathId + "'");
        }
        return new HouseholdDraft(id, Fields.requireText(node, "label"), Fields.requireText(node, "address"),
                Fields.requireText(node, "district"), Fields.requireText(node, "office"));
    }

    /**
     * A stored household, as {@link #household} wrote it.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static Household parseHousehold(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a stored household is a JSON object");
        }
        Fields.onlyFields(node, STORED_FIELDS, "a stored household");
        Instant created = Fields.optionalInstant(node, "created");
        if (created == null) {
            throw new IllegalArgumentException("missing 'created'");
        }
        return new Household(Fields.requireText(node, "id"), Fields.requireText(node, "label"),
                Fields.requireText(node, "address"), Fields.requireText(node, "district"),
                Fields.requireText(node, "office"), created, Fields.requireText(node, "createdBy"));
    }
}
