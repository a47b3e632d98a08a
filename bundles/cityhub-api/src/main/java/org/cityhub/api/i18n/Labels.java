package org.cityhub.api.i18n;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A name in several languages, by IETF language tag ({@code {"en": "Smoke alarm", "zh-CN": "烟雾报警器"}}), next to
 * the one {@code label} every thing, type, channel and parameter has in the hub's default language.
 *
 * @param byLanguage the names, by language tag; empty for none
 */
public record Labels(Map<String, String> byLanguage) {

    /** No translations: the label alone. */
    public static final Labels NONE = new Labels(Map.of());

    private static final int MAX_LENGTH = 200;

    /** @throws IllegalArgumentException naming the language tag or label that is wrong */
    public Labels {
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : (byLanguage == null ? Map.<String, String>of() : byLanguage)
                .entrySet()) {
            String tag = entry.getKey();
            String canonical = Locale.forLanguageTag(tag).toLanguageTag();
            if (tag.isBlank() || canonical.equals("und") || !canonical.equalsIgnoreCase(tag)) {
                throw new IllegalArgumentException("'" + tag + "' is not a language tag such as en or zh-CN");
            }
            checked.put(canonical, check(canonical, entry.getValue()));
        }
        byLanguage = Collections.unmodifiableMap(checked);
    }

    /** Labels from pairs of language tag and label: {@code of("en", "Smoke alarm", "zh-CN", "烟雾报警器")}. */
    public static Labels of(String... tagsAndLabels) {
        if (tagsAndLabels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in pairs of language tag and label");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < tagsAndLabels.length; i += 2) {
            labels.put(tagsAndLabels[i], tagsAndLabels[i + 1]);
        }
        return new Labels(labels);
    }

    /**
     * Checks a label in any language: 1 to 200 characters, no control characters, and no U+FFFD, the mark of text
     * that was not valid UTF-8 where it came from.
     *
     * @return the label
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String check(String what, String label) {
        if (label == null || label.isBlank() || label.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the " + what + " label has 1 to " + MAX_LENGTH + " characters");
        }
        if (label.indexOf('\uFFFD') >= 0) {
            throw new IllegalArgumentException("the " + what + " label '" + label + "' holds U+FFFD: it was not"
                    + " valid UTF-8 where it came from; send labels as UTF-8");
        }
        if (label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the " + what + " label holds a control character");
        }
        return label;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    /**
     * The label for a reader who asked for these languages (an {@code Accept-Language} header's ranges, best first):
     * the first language they accept that a label exists for, {@code zh} taking in {@code zh-CN}; else the label in
     * the default language.
     *
     * @param wanted the reader's language ranges, best first; empty for the default language
     * @param label the label in the hub's default language
     * @return the label to show
     */
    public String pick(List<Locale.LanguageRange> wanted, String label) {
        return language(wanted).map(byLanguage::get).orElse(label);
    }

    /** The language of {@link #pick}'s answer, if a translation was picked. */
    public Optional<String> language(List<Locale.LanguageRange> wanted) {
        if (wanted.isEmpty() || byLanguage.isEmpty()) {
            return Optional.empty();
        }
        List<String> matching = Locale.filterTags(wanted, new ArrayList<>(byLanguage.keySet()));
        return matching.stream().findFirst().map(tag -> byLanguage.keySet().stream()
                .filter(key -> key.equalsIgnoreCase(tag)).findFirst().orElse(tag));
    }
}
