package org.cityhub.api.admin;

/**
 * A token just created: its description and its secret, which the hub shows this once and then keeps only as a
 * hash.
 *
 * @param info the token's description
 * @param secret what clients send as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(TokenInfo info, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + info.name() + "]";
    }
}
