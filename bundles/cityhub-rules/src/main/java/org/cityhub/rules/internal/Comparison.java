package org.cityhub.rules.internal;

import java.util.Arrays;

/** How a condition compares a channel's state with its value. */
enum Comparison {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** Whether it orders values (and so needs numbers), rather than telling equal from different. */
    boolean ordering() {
        return this != EQ && this != NE;
    }

    /** Whether a comparison result ({@code compareTo}'s sign) satisfies it. */
    boolean holds(int compared) {
        return switch (this) {
            case EQ -> compared == 0;
            case NE -> compared != 0;
            case LT -> compared < 0;
            case LE -> compared <= 0;
            case GT -> compared > 0;
            case GE -> compared >= 0;
        };
    }

    static Comparison parse(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + symbol + "' is not an operator: use ==, !=, <,"
                        + " <=, > or >="));
    }
}
