/**
 * Transformations shared by bindings: from what a device or a department's system sends to a channel's state
 * (JSON path, regular expression, scale and offset, value mapping, a number with its unit), and from a command
 * to what the device expects. A chain is configuration, written as a list of steps such as
 * {@code ["jsonpath:$.data.pm25", "scale:0.1"]}; parsing it reports every mistake before anything runs.
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.transform;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
