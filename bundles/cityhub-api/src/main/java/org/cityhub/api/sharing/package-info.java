/**
 * Sharing between owners and departments: a {@link org.cityhub.api.sharing.Grant grant} lets a grantee department
 * read (and, if granted, command) a selection of an owner's things or channels, for a stated purpose, until it is
 * revoked or expires. A household's grant is its consent. The hub keeps one registry of grants
 * ({@link org.cityhub.api.sharing.Grants}) and answers every surface's question "what may this scope see and
 * command" with one {@link org.cityhub.api.sharing.Audience decision}: REST, SSE, console, history, rules.
 *
 * @since API 2.3
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.sharing;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
