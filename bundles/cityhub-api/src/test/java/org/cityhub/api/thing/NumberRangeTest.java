package org.cityhub.api.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.cityhub.api.types.ItemType;
import org.junit.jupiter.api.Test;

class NumberRangeTest {

    private static final NumberRange PERCENT = new NumberRange(BigDecimal.ZERO, new BigDecimal("100"), BigDecimal.ONE);

    @Test
    void boundsAreInclusiveAndEachMayBeMissing() {
        assertThat(PERCENT.contains(new BigDecimal("100.0"))).isTrue();
        assertThat(PERCENT.contains(new BigDecimal("100.01"))).isFalse();
        assertThat(PERCENT.contains(new BigDecimal("-0.5"))).isFalse();
        assertThat(new NumberRange(null, BigDecimal.TEN, null).contains(new BigDecimal("-1e9"))).isTrue();
        assertThat(NumberRange.ANY.contains(new BigDecimal("1e99"))).isTrue();
        assertThat(PERCENT.describe()).isEqualTo("0 to 100");
        assertThat(new NumberRange(BigDecimal.ZERO, null, null).describe()).isEqualTo("at least 0");
    }

    @Test
    void aRangeMustHoldANumberAndStepForward() {
        assertThatThrownBy(() -> new NumberRange(BigDecimal.TEN, BigDecimal.ONE, null))
                .hasMessage("min 10 is above max 1");
        assertThatThrownBy(() -> new NumberRange(null, null, BigDecimal.ZERO)).hasMessage("step must be above 0, was 0");
    }

    @Test
    void onlyNumberChannelsHaveARange() {
        assertThat(new ChannelDefinition("level", "Level", ItemType.NUMBER, "cm", true, ChannelKind.STATE).range())
                .isEqualTo(NumberRange.ANY);
        assertThatThrownBy(() -> new ChannelDefinition("power", "Power", ItemType.ONOFF, null, false, ChannelKind.STATE,
                null, PERCENT)).hasMessageContaining("only a number channel has a range");
    }
}
