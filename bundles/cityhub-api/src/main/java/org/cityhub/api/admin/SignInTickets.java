package org.cityhub.api.admin;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Single-use tickets that sign a browser in to the web console without a token in any URL: the console issues
 * one for a token it minted ({@code cityhub:ui-link}), the page trades it for the token once, within two minutes.
 * A service of the hub.
 *
 * @since 1.1
 */
@ProviderType
public interface SignInTickets {

    /** A new ticket for this token's secret, at least 128 random bits, good for one redemption within two minutes. */
    String issue(String tokenSecret);

    /** The token's secret, if the ticket is known, unused and not expired; it is used up either way. */
    Optional<String> redeem(String ticket);
}
