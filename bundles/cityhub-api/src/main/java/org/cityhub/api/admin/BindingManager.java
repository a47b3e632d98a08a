package org.cityhub.api.admin;

import java.util.List;
import java.util.Optional;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, updates and uninstalls bindings while the hub runs, touching no other bundle: no refresh of anything
 * but the binding's own bundle. A service of the hub.
 */
@ProviderType
public interface BindingManager {

    /** Every installed binding. */
    List<BindingInfo> getAll();

    /** The binding with this id. */
    Optional<BindingInfo> get(String id);

    /**
     * Installs and starts a binding, by Karaf feature name (e.g. {@code cityhub-binding-mqtt}) or by bundle
     * location ({@code mvn:…}, {@code file:…}).
     *
     * @return the binding installed
     * @throws BindingChangeException if there is no such feature or bundle, it holds no binding, or it fails
     */
    BindingInfo install(String featureOrLocation) throws BindingChangeException;

    /**
     * Replaces a binding's bundle with a new revision (from {@code location}, or its own location again):
     * its handlers are disposed, the new revision's handlers created, definitions and states kept. Returns once
     * the new revision runs.
     *
     * @throws BindingChangeException if the binding is unknown or the update fails
     */
    BindingInfo update(String id, @Nullable String location) throws BindingChangeException;

    /**
     * Uninstalls a binding (its feature if it came with one); its things wait as
     * {@code UNINITIALIZED / HANDLER_MISSING}, keeping definitions and states.
     *
     * @throws BindingChangeException if the binding is unknown or cannot be uninstalled
     */
    void uninstall(String id) throws BindingChangeException;

    /** Whether the binding is being updated right now (commands to its things are answered "try again"). */
    boolean isUpdating(String id);
}
