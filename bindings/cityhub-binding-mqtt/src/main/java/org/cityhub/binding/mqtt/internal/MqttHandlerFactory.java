package org.cityhub.binding.mqtt.internal;

import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The MQTT binding: broker connections ({@code mqtt:broker}) and the devices behind them: any device on its topics
 * ({@code mqtt:topic}), and devices behind a Zigbee2MQTT gateway ({@code mqtt:zigbee2mqtt}).
 */
@Component(service = ThingHandlerFactory.class)
public final class MqttHandlerFactory implements ThingHandlerFactory {

    static final ThingTypeUID BROKER = new ThingTypeUID("mqtt", "broker");
    static final ThingTypeUID TOPIC = new ThingTypeUID("mqtt", "topic");

    private final HomeAssistantDiscovery discovery;
    private final Zigbee2MqttDiscovery zigbeeDiscovery;
    private final OutboundPolicy outbound;

    @Activate
    public MqttHandlerFactory(@Reference HomeAssistantDiscovery discovery,
            @Reference Zigbee2MqttDiscovery zigbeeDiscovery, @Reference OutboundPolicy outbound) {
        this.discovery = discovery;
        this.zigbeeDiscovery = zigbeeDiscovery;
        this.outbound = outbound;
    }

    @Override
    public boolean supportsThingType(ThingTypeUID thingTypeUID) {
        return BROKER.equals(thingTypeUID) || TOPIC.equals(thingTypeUID)
                || Zigbee2MqttDiscovery.DEVICE.equals(thingTypeUID);
    }

    @Override
    public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
        if (BROKER.equals(thing.thingTypeUID())) {
            return new BrokerHandler(thing, callback, discovery, zigbeeDiscovery, outbound);
        }
        if (TOPIC.equals(thing.thingTypeUID())) {
            return new TopicHandler(thing, callback);
        }
        if (Zigbee2MqttDiscovery.DEVICE.equals(thing.thingTypeUID())) {
            return new Zigbee2MqttHandler(thing, callback);
        }
        throw new IllegalArgumentException("the mqtt binding does not handle thing type " + thing.thingTypeUID());
    }
}
