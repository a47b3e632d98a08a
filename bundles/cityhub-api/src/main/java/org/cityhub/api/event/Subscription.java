package org.cityhub.api.event;

import org.osgi.annotation.versioning.ProviderType;

/** A subscriber's registration on the bus. Closing it stops delivery; events still queued are discarded. */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** Events waiting in this subscriber's queue. */
    int queued();

    /** Events delivered so far. */
    long delivered();

    /** Events dropped so far because the queue overflowed. */
    long dropped();

    @Override
    void close();
}
