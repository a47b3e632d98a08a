package org.cityhub.itests.misbehaving;

import org.cityhub.api.binding.ThingHandlerFactory;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the misbehaving binding's factory; the framework unregisters it when the bundle stops. */
public final class MisbehavingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(ThingHandlerFactory.class, new MisbehavingFactory(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the service goes with the bundle
    }
}
