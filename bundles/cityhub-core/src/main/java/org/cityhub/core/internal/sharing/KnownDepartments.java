package org.cityhub.core.internal.sharing;

import java.util.Set;
import java.util.TreeSet;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.Households;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;

/**
 * The departments the hub knows: those its things, tokens and households' offices name. Departments have no
 * registry of their own; a name nothing on the hub uses is a typing mistake, and a consent to it would go nowhere.
 */
class KnownDepartments {

    private final ThingRegistry things;
    private final TokenService tokens;
    private final Households households;

    KnownDepartments(ThingRegistry things, TokenService tokens, Households households) {
        this.things = things;
        this.tokens = tokens;
        this.households = households;
    }

    /** The names, sorted; asked at each consent, so that a department named a moment ago counts. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        things.getAll().stream().map(Thing::department).filter(name -> name != null).forEach(names::add);
        tokens.list().stream().filter(token -> !token.isResident()).map(TokenInfo::scope)
                .forEach(scope -> names.addAll(scope.departments()));
        households.list().stream().map(Household::office).forEach(names::add);
        return names;
    }
}
