package org.cityhub.api.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The departments a token may see: a set of department names, or all of them ({@code *}). Things without a
 * department belong to no department and are seen by all-department tokens only.
 *
 * @param departments the departments, sorted; empty means all
 */
public record DepartmentScope(Set<String> departments) {

    /** Every department. */
    public static final DepartmentScope ALL = new DepartmentScope(Set.of());

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    public DepartmentScope {
        for (String department : departments) {
            if (!NAME.matcher(department).matches()) {
                throw new IllegalArgumentException("department '" + department
                        + "' is not a department name: use lower-case letters, digits and '-'");
            }
        }
        departments = Collections.unmodifiableSortedSet(new TreeSet<>(departments));
    }

    /**
     * {@code *} for all departments, or a comma-separated list of department names.
     *
     * @throws IllegalArgumentException if a name is not a department name or the list is empty
     */
    public static DepartmentScope parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("*")) {
            return ALL;
        }
        Set<String> names = new TreeSet<>();
        Arrays.stream(trimmed.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(names::add);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a department scope is '*' or a comma-separated list of departments,"
                    + " was '" + text + "'");
        }
        return new DepartmentScope(names);
    }

    /** Whether the scope takes in every department. */
    public boolean isAll() {
        return departments.isEmpty();
    }

    /** Whether a thing of this department (null: none) is in scope. */
    public boolean includes(@Nullable String department) {
        return isAll() || department != null && departments.contains(department);
    }

    /** {@code *} or the departments separated by commas, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return isAll() ? "*" : String.join(",", departments);
    }
}
