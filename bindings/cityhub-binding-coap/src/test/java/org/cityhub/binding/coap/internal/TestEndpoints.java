package org.cityhub.binding.coap.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;

/** The binding's CoAP endpoints for a test, with the acknowledgement timing the test needs. */
final class TestEndpoints {

    private TestEndpoints() {
    }

    /** Endpoints that wait this long for an acknowledgement and retransmit this often. */
    static CoapEndpoints with(int ackTimeoutMillis, int maxRetransmit) throws IOException {
        return new CoapEndpoints(new CoapEndpoints.Config() {
            @Override
            public int ackTimeoutMillis() {
                return ackTimeoutMillis;
            }

            @Override
            public int maxRetransmit() {
                return maxRetransmit;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return CoapEndpoints.Config.class;
            }
        });
    }
}
