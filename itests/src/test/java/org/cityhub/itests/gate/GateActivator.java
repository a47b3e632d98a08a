package org.cityhub.itests.gate;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;

import org.cityhub.api.binding.ThingHandlerFactory;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the gate binding and the gate's opener: a {@code Runnable} service with {@code cityhub.itest=gate},
 * so that a test, whose bundle has its own copy of these classes, opens this bundle's gate.
 */
public final class GateActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        CountDownLatch gate = new CountDownLatch(1);
        context.registerService(ThingHandlerFactory.class, new GateFactory(gate), null);
        Dictionary<String, Object> opener = new Hashtable<>();
        opener.put("cityhub.itest", "gate");
        context.registerService(Runnable.class, gate::countDown, opener);
    }

    @Override
    public void stop(BundleContext context) {
        // the services go with the bundle
    }
}
