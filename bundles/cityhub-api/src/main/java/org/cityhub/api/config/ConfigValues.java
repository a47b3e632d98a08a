package org.cityhub.api.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a component running on a bad configuration value: the value is rejected with one log line naming the
 * configuration, the key, the value and the rule, and the default is used instead.
 */
public final class ConfigValues {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigValues.class);

    private ConfigValues() {
    }

    /** The value if it is at least {@code min}, else the default (logged). */
    public static int atLeast(String pid, String key, int value, int min, int fallback) {
        if (value >= min) {
            return value;
        }
        LOG.error("configuration {}: {} = {} is rejected: it must be at least {}; using the default {}", pid, key, value,
                min, fallback);
        return fallback;
    }
}
