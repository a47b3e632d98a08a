package org.cityhub.api.types;

/**
 * A text state or command.
 *
 * @param value the text
 */
public record Text(String value) implements State, Command {

    public Text {
        if (value == null) {
            throw new IllegalArgumentException("missing text value");
        }
    }

    @Override
    public String type() {
        return "text";
    }

    @Override
    public String toString() {
        return value;
    }
}
