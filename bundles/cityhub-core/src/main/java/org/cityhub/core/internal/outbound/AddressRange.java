package org.cityhub.core.internal.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A range of addresses in CIDR form ({@code 10.0.0.0/8}, {@code fe80::/10}; a lone address is its own range). */
final class AddressRange {

    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefix;

    private AddressRange(byte[] network, int prefix) {
        this.network = masked(network, prefix);
        this.prefix = prefix;
    }

    /** Whether the text is meant as a range (an address literal, with or without a prefix length). */
    static boolean looksLikeRange(String text) {
        int slash = text.indexOf('/');
        return LITERAL.matcher(slash < 0 ? text : text.substring(0, slash)).matches();
    }

    /**
     * Reads a range; the address must be a literal, never a name to look up.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an address range");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address range");
        }
        int bits = bytes.length * 8;
        if (slash < 0) {
            return new AddressRange(bytes, bits);
        }
        String length = text.substring(slash + 1);
        if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
            throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
        }
        return new AddressRange(bytes, Integer.parseInt(length));
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(masked(bytes, prefix), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] = (byte) (address[i] & (0xFF00 >> bits));
        }
        return result;
    }
}
