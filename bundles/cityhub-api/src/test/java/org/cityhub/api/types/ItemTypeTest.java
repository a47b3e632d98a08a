package org.cityhub.api.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ItemTypeTest {

    @Test
    void parsesCommandsByItemType() {
        assertThat(ItemType.ONOFF.parseCommand("on")).isEqualTo(OnOff.ON);
        assertThat(ItemType.NUMBER.parseCommand("40 %")).isEqualTo(new NumberValue(new BigDecimal("40"), "%"));
        assertThat(ItemType.NUMBER.parseCommand("-2.5")).isEqualTo(new NumberValue(new BigDecimal("-2.5"), null));
        assertThat(ItemType.TEXT.parseCommand("hello")).isEqualTo(new Text("hello"));
        assertThat(ItemType.POINT.parseCommand("REFRESH")).isEqualTo(Refresh.REFRESH);
    }

    @Test
    void rejectsCommandsTheTypeCannotTakeSayingWhatItExpects() {
        assertThatThrownBy(() -> ItemType.ONOFF.parseCommand("DIM")).hasMessageContaining("expected ON, OFF or REFRESH");
        assertThatThrownBy(() -> ItemType.NUMBER.parseCommand("forty")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> ItemType.OPENCLOSED.parseCommand("OPEN")).hasMessageContaining("takes no command but REFRESH");
    }

    /** Issue 17, robustness: a control character is refused, never trimmed away ("40\0" was sent as 40). */
    @Test
    void controlCharactersAreRefusedNotTrimmed() {
        assertThatThrownBy(() -> ItemType.NUMBER.parseCommand("40\u0000")).hasMessageContaining("control character U+0000");
        assertThatThrownBy(() -> ItemType.TEXT.parseCommand("a\u001bb")).hasMessageContaining("U+001B");
        assertThat(ItemType.NUMBER.parseCommand(" 40\n")).isEqualTo(new NumberValue(new BigDecimal("40"), null));
        assertThat(ItemType.TEXT.parseCommand("line one\nline two")).isEqualTo(new Text("line one\nline two"));
    }

    @Test
    void acceptsMatchingStatesAndTheValuelessOnes() {
        assertThat(ItemType.NUMBER.accepts((State) NumberValue.of(3))).isTrue();
        assertThat(ItemType.NUMBER.accepts((State) OnOff.ON)).isFalse();
        assertThat(ItemType.POINT.accepts((State) UnDef.UNDEF)).isTrue();
        assertThat(ItemType.ONOFF.accepts((Command) NumberValue.of(1))).isFalse();
        assertThat(ItemType.byId("openclosed")).contains(ItemType.OPENCLOSED);
        assertThat(UnDef.NULL.type()).isEqualTo("null");
    }

    @Test
    void numbersOutOfRangeAreRefusedWhereverTheyAreMade() {
        assertThatThrownBy(() -> ItemType.NUMBER.parseCommand("1e999999999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1E+999999999 is out of range");
        assertThatThrownBy(() -> new NumberValue(new BigDecimal("-1e-101"), null)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new NumberValue(new BigDecimal("1" + "0".repeat(64) + ".5"), null))
                .hasMessageContaining("out of range");
        assertThat(new NumberValue(new BigDecimal("1e100"), "m").value()).isEqualByComparingTo("1e100");
        assertThat(new NumberValue(new BigDecimal("-1e-100"), null).value()).isEqualByComparingTo("-1e-100");
        assertThat(new NumberValue(new BigDecimal("9".repeat(64)), null).toString()).hasSize(64);
        assertThat(new NumberValue(BigDecimal.ZERO.setScale(-5000), null).value()).isZero();
    }
}
