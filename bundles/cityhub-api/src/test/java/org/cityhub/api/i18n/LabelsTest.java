package org.cityhub.api.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelsTest {

    private static final Labels SMOKE = Labels.of("en", "Kitchen smoke alarm", "zh-CN", "厨房烟雾报警器");

    @Test
    void theReadersFirstLanguageWithALabelWinsAndChineseTakesInChinaChinese() {
        assertThat(SMOKE.pick(Locale.LanguageRange.parse("zh-CN,zh;q=0.9,en;q=0.8"), "Smoke")).isEqualTo("厨房烟雾报警器");
        assertThat(SMOKE.pick(Locale.LanguageRange.parse("zh"), "Smoke")).isEqualTo("厨房烟雾报警器");
        assertThat(SMOKE.pick(Locale.LanguageRange.parse("fr-FR,en;q=0.5"), "Smoke")).isEqualTo("Kitchen smoke alarm");
        assertThat(SMOKE.pick(Locale.LanguageRange.parse("fr"), "Smoke")).as("none: the default label")
                .isEqualTo("Smoke");
        assertThat(SMOKE.pick(List.of(), "Smoke")).isEqualTo("Smoke");
        assertThat(new Labels(Map.of("zh-cn", "烟雾")).byLanguage()).containsOnlyKeys("zh-CN");
    }

    @Test
    void aLabelIsTextInATagsLanguageNeverMangledBytes() {
        assertThatThrownBy(() -> Labels.of("zh_CN", "烟雾")).hasMessageContaining("'zh_CN' is not a language tag");
        assertThatThrownBy(() -> Labels.of("zh-CN", "烟\uFFFD雾")).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> Labels.of("en", " ")).hasMessageContaining("1 to 200 characters");
        assertThatThrownBy(() -> Labels.of("en", "a\u0007b")).hasMessageContaining("control character");
    }
}
