package org.cityhub.history.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.cityhub.api.persistence.RecordingStrategy;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Named strategies changed through REST or the console: written into history's configuration, where Karaf keeps
 * them in {@code etc/org.cityhub.history.cfg} and from where they apply as when the file is edited. A change is
 * parsed with every other setting first, so that a wrong one is refused and nothing is kept.
 */
final class StrategyConfiguration {

    private final ConfigurationAdmin configurations;
    private final String pid;

    StrategyConfiguration(ConfigurationAdmin configurations, String pid) {
        this.configurations = configurations;
        this.pid = pid;
    }

    /** @throws IllegalArgumentException naming the setting that is wrong */
    synchronized RecordingStrategy define(String name, Map<String, String> settings) throws IOException {
        Strategies.checkName(name);
        if (!settings.containsKey("select") || !settings.containsKey("record")) {
            throw new IllegalArgumentException("a strategy needs 'select' and 'record', e.g. {\"select\":"
                    + " \"department:water\", \"record\": \"every 60s\"}");
        }
        Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = properties(configuration);
        remove(properties, name);
        settings.forEach((key, value) -> properties.put("strategy." + name + "." + key, value));
        Strategies parsed = Strategies.parse(asMap(properties));
        configuration.update(properties);
        Strategies.Strategy defined = parsed.strategies().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow();
        return new RecordingStrategy(defined.name(), defined.selectors().stream().map(Object::toString).toList(),
                defined.recording().toString(), defined.retention().toString());
    }

    synchronized boolean remove(String name) throws IOException {
        Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = properties(configuration);
        if (!remove(properties, name)) {
            return false;
        }
        configuration.update(properties);
        return true;
    }

    private static Dictionary<String, Object> properties(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        return properties == null ? new Hashtable<>() : properties;
    }

    private static boolean remove(Dictionary<String, Object> properties, String name) {
        List<String> keys = new ArrayList<>();
        for (Enumeration<String> all = properties.keys(); all.hasMoreElements();) {
            String key = all.nextElement();
            if (key.startsWith("strategy." + name + ".")) {
                keys.add(key);
            }
        }
        keys.forEach(properties::remove);
        return !keys.isEmpty();
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        return map;
    }
}
