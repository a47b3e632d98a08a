package org.cityhub.core.internal.sharing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.cityhub.api.sharing.Grant;

/** An immutable snapshot of every grant, by id and by grantee; replaced whole on every change. */
record GrantIndex(Map<String, Grant> byId, Map<String, List<Grant>> byGrantee) {

    static final GrantIndex EMPTY = of(List.of());

    static GrantIndex of(List<Grant> grants) {
        Map<String, Grant> byId = new LinkedHashMap<>();
        grants.forEach(grant -> byId.put(grant.id(), grant));
        return new GrantIndex(Collections.unmodifiableMap(byId), grants.stream()
                .collect(Collectors.groupingBy(Grant::grantee, Collectors.toUnmodifiableList())));
    }

    List<Grant> all() {
        return List.copyOf(byId.values());
    }

    Optional<Grant> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Grant> receivedBy(String department) {
        return byGrantee.getOrDefault(department, List.of());
    }

    /** A snapshot with this grant added or replaced. */
    GrantIndex with(Grant grant) {
        Map<String, Grant> next = new LinkedHashMap<>(byId);
        next.put(grant.id(), grant);
        return of(List.copyOf(next.values()));
    }
}
