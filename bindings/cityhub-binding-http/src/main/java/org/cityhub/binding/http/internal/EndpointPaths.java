package org.cityhub.binding.http.internal;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an endpoint's requests may go: paths under its base URL, never another host, never above the base. A
 * resource's or command's path that leaves it is a configuration error, so that a thing cannot make the hub send
 * a department's credentials somewhere else.
 */
final class EndpointPaths {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private EndpointPaths() {
    }

    /**
     * Checks that a configured path is relative to the base URL and stays under it.
     *
     * @param parameter the setting's name, for the message
     * @throws IllegalArgumentException naming the setting and why the path leaves the endpoint
     */
    static void checkRelative(String parameter, String path) {
        String decoded = path.replace('\\', '/').replaceAll("(?i)%2e", ".").replaceAll("(?i)%2f", "/");
        if (SCHEME.matcher(path).find() || decoded.startsWith("//")) {
            throw new IllegalArgumentException(parameter + " '" + path + "' must be a path under the endpoint's"
                    + " baseUrl, not a URL of its own");
        }
        int depth = 0;
        for (String segment : decoded.split("[/?#]", -1)) {
            if (segment.equals("..")) {
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                throw new IllegalArgumentException(parameter + " '" + path + "' leaves the endpoint's baseUrl"
                        + " with '..'");
            }
        }
    }

    /**
     * Where a path leads: resolved against the base URL (a leading {@code /} stays under it).
     *
     * @throws IllegalArgumentException if it would lead outside the base URL
     */
    static URI resolve(URI base, String path) {
        checkRelative("path", path);
        String relative = path.startsWith("/") ? path.substring(1) : path;
        URI resolved = base.resolve(relative).normalize();
        if (!sameOrigin(resolved, base) || !resolved.getRawPath().startsWith(base.getRawPath())) {
            throw new IllegalArgumentException("path '" + path + "' leads outside the endpoint's baseUrl " + base);
        }
        return resolved;
    }

    /** Whether two URLs have the same scheme, host and port: where credentials for one may go to the other. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(b.getHost()).toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
