package org.cityhub.binding.simulator.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.DiscoveryService;
import org.cityhub.api.thing.ThingUID;
import org.osgi.service.component.annotations.Component;

/** Offers a few devices of the demo city that nobody has set up yet, so that the inbox can be tried. */
@Component(service = DiscoveryService.class)
public final class SimulatorDiscovery implements DiscoveryService {

    private static final List<DiscoveryResult> UNCLAIMED = List.of(
            device("simulator:airquality:riverside-01", "Riverside air-quality station", "AQ-7731"),
            device("simulator:traffic:airport-road", "Airport road traffic counter", "TC-1202"),
            device("simulator:streetlight:bridge-3", "Bridge light 3", "SL-0933"));

    @Override
    public void scan(DiscoveryListener listener) {
        UNCLAIMED.forEach(listener::discovered);
    }

    private static DiscoveryResult device(String uid, String label, String serial) {
        return new DiscoveryResult(ThingUID.parse(uid), label, null,
                Map.of("vendor", "CityHub simulator", "serialNumber", serial),
                Map.of("intervalSeconds", new BigDecimal("5")));
    }
}
