package org.cityhub.core.internal.health;

import java.util.Map;

import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Not ready while things are still being initialised, as after a start or a binding update. */
@Component(service = HealthIndicator.class)
public final class ThingsSettled implements HealthIndicator {

    private final ThingRegistry things;

    @Activate
    public ThingsSettled(@Reference ThingRegistry things) {
        this.things = things;
    }

    @Override
    public HealthCheck check() {
        Map<ThingStatus, Integer> counts = things.countByStatus();
        int initializing = counts.getOrDefault(ThingStatus.INITIALIZING, 0);
        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
        return initializing == 0 ? new HealthCheck("things", true, all + " things, none initialising")
                : new HealthCheck("things", false, initializing + " things still initialising");
    }
}
