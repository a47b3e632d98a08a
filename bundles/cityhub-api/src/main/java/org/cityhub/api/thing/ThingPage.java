package org.cityhub.api.thing;

import java.util.List;

/**
 * One page of the things a query found.
 *
 * @param things the page's things, in UID order
 * @param total how many things the query found in all pages
 */
public record ThingPage(List<Thing> things, int total) {

    /** Copies the list. */
    public ThingPage {
        things = List.copyOf(things);
    }
}
