/**
 * Rules: when-then rules that belong to a department and make the city react across departments. A rule is a JSON
 * document (its shape is in {@code docs/rules.md}): triggers (a channel's state, a threshold held for a while, a
 * thing's status, a trigger channel, a schedule, a time of day, a city event), conditions and actions (commands,
 * city events, webhooks, enabling things). A rule reads and commands only what its department owns or was granted
 * ({@link org.cityhub.api.sharing}). The hub's {@link org.cityhub.api.rules.Rules rule engine} is the service REST
 * and the console go through.
 *
 * @since API 2.3
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.rules;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
