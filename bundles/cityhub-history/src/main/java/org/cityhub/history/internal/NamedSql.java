package org.cityhub.history.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with named parameters ({@code :from}), written once for every database: JDBC drivers differ in numbered
 * parameters, so names are turned into plain {@code ?} and bound in order, each as often as it appears.
 *
 * @param sql the statement with {@code ?} in place of the names
 * @param names the name of each {@code ?}, in order
 */
record NamedSql(String sql, List<String> names) {

    private static final Pattern NAME = Pattern.compile(":([a-z]+)");

    static NamedSql of(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAME.matcher(text);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        return new NamedSql(sql.toString(), List.copyOf(names));
    }

    /** Binds every parameter; a name without a value is a mistake of ours, not of the caller. */
    void bind(PreparedStatement statement, Map<String, Long> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            Long value = values.get(names.get(i));
            if (value == null) {
                throw new IllegalStateException("no value for :" + names.get(i) + " in " + sql);
            }
            statement.setLong(i + 1, value);
        }
    }
}
