package org.cityhub.binding.coap.internal;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The CoAP binding: constrained devices ({@code coap:device}) over UDP and DTLS. */
@Component(service = ThingHandlerFactory.class)
public final class CoapHandlerFactory implements ThingHandlerFactory {

    static final ThingTypeUID DEVICE = new ThingTypeUID("coap", "device");

    private final CoapEndpoints endpoints;
    private final OutboundPolicy outbound;

    @Activate
    public CoapHandlerFactory(@Reference CoapEndpoints endpoints, @Reference OutboundPolicy outbound) {
        this.endpoints = endpoints;
        this.outbound = outbound;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return DEVICE.equals(thingTypeUID);
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        if (!supportsThingType(thing.thingTypeUID())) {
            throw new IllegalArgumentException("the coap binding does not handle thing type " + thing.thingTypeUID());
        }
        return new DeviceHandler(thing, callback, endpoints, outbound);
    }
}
