package org.cityhub.binding.coap.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The binding's CoAP endpoints: one UDP endpoint all plain devices share, and a DTLS endpoint per device with a
 * pre-shared key. Californium's configuration is made in code, so it writes no properties file anywhere.
 */
@Component(service = CoapEndpoints.class, immediate = true, configurationPid = "org.cityhub.binding.coap")
@Designate(ocd = CoapEndpoints.Config.class)
public final class CoapEndpoints {

    /** How patient the binding is with devices. */
    @ObjectClassDefinition(name = "CityHub CoAP binding")
    public @interface Config {

        @AttributeDefinition(description = "Milliseconds before a confirmable request is first sent again", min = "100")
        int ackTimeoutMillis() default 2000;

        @AttributeDefinition(description = "How often a confirmable request is sent again before the device counts as"
                + " unreachable", min = "0", max = "10")
        int maxRetransmit() default 4;
    }

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final Configuration configuration;
    private final CoapEndpoint plain;

    @Activate
    public CoapEndpoints(Config config) throws IOException {
        configuration = Configuration.createStandardWithoutFile();
        configuration.set(CoapConfig.ACK_TIMEOUT, Math.max(100, config.ackTimeoutMillis()), TimeUnit.MILLISECONDS);
        configuration.set(CoapConfig.MAX_RETRANSMIT, Math.max(0, Math.min(10, config.maxRetransmit())));
        configuration.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 4 * 1024 * 1024);
        // one socket takes the notifications of every device: the OS's default buffer (about 200 KiB, a few
        // hundred datagrams) overflows when many notify at once; the OS caps this at net.core.rmem_max
        configuration.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, RECEIVE_BUFFER_BYTES);
        configuration.set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, RECEIVE_BUFFER_BYTES);
        // duplicates are detected from the last messages of each device (64), not from every message of the past
        // exchange lifetime (247 s): at 10 notifications/s from 1,000 devices the heap after GC fell from 812 MiB to
        // 185 MiB (CoapLoadTest)
        configuration.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        // multicast requests (discovery) take their message ids from their own range
        configuration.set(CoapConfig.MULTICAST_BASE_MID, 65000);
        // a DTLS handshake is as patient as a request: a wrong key is noticed as soon as a silent device
        configuration.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, Math.max(100, config.ackTimeoutMillis()),
                TimeUnit.MILLISECONDS);
        configuration.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, Math.max(0, Math.min(10, config.maxRetransmit())));
        plain = CoapEndpoint.builder().setConfiguration(configuration).setInetSocketAddress(new InetSocketAddress(0))
                .build();
        plain.start();
    }

    /** The shared endpoint for coap:// devices. */
    Endpoint plain() {
        return plain;
    }

    /** A new, started DTLS endpoint for one coaps:// device and its credentials; the caller destroys it. */
    Endpoint dtls(DtlsCredentials credentials) throws IOException {
        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(configuration)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        if (credentials.pskIdentity() != null) {
            builder.setAdvancedPskStore(new AdvancedSinglePskStore(credentials.pskIdentity(), credentials.pskKey()));
        }
        if (credentials.usesCertificates()) {
            StaticNewAdvancedCertificateVerifier.Builder trust = StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustedCertificates(credentials.trusted().toArray(new Certificate[0]));
            if (credentials.serverPublicKey() != null) {
                trust.setTrustedRPKs(new RawPublicKeyIdentity(credentials.serverPublicKey()));
            }
            builder.setAdvancedCertificateVerifier(trust.build());
        }
        if (credentials.clientKey() != null) {
            builder.setCertificateIdentityProvider(new SingleCertificateProvider(credentials.clientKey(),
                    credentials.clientChain().toArray(new Certificate[0]), CertificateType.X_509));
        }
        DtlsConnectorConfig dtls = builder.build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(configuration)
                .setConnector(new DTLSConnector(dtls)).build();
        endpoint.start();
        return endpoint;
    }

    @Deactivate
    void stop() {
        plain.destroy();
    }
}
