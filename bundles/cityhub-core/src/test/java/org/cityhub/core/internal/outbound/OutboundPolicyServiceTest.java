package org.cityhub.core.internal.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.URI;
import java.util.Hashtable;

import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Issue 17, item 3: the outbound policy's decisions, from the shipped defaults to a strict profile. */
class OutboundPolicyServiceTest {

    @Test
    void defaultsRefuseLinkLocalAndMetadataAndAdmitLoopbackAndPrivateRanges() throws Exception {
        OutboundPolicyService policy = policy("link-local, metadata", "", "allow");

        assertRefused(policy, "169.254.169.254", 80, "'link-local' is on the deny list of etc/org.cityhub.outbound.cfg");
        assertRefused(policy, "169.254.10.1", 1883, "'link-local'");
        assertRefused(policy, "[fe80::1]", 5683, "'link-local'");
        assertRefused(policy, "100.100.100.200", 80, "'metadata'");
        assertRefused(policy, "::ffff:169.254.169.254", 80, "'link-local'");
        assertThat(policy.admit("127.0.0.1", 1883)).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(policy.admit("10.20.30.40", 443)).hasSize(1);
        assertThat(policy.admit("192.168.1.7", 5683)).hasSize(1);
        assertThat(policy.check().degraded()).isFalse();
    }

    @Test
    void theHubsOwnPortsAreRefusedOnEveryLocalAddressButNotElsewhere() throws Exception {
        OutboundPolicyService policy = policy("", "", "allow");

        assertRefused(policy, "127.0.0.1", 18181, "127.0.0.1 port 18181: it is the hub's own HTTP port");
        assertRefused(policy, "localhost", 18101, "it is the hub's own SSH port");
        assertRefused(policy, "0.0.0.0", 18181, "HTTP port");
        assertRefused(policy, "[::1]", 11099, "JMX registry port");
        assertRefused(policy, "127.0.0.1", 44444, "JMX port");
        assertThat(policy.admit("127.0.0.1", 1883)).hasSize(1);
        assertThat(policy.admit("10.1.2.3", 18181)).hasSize(1);
    }

    @Test
    void theHubListensOnTcpOnlySoAUdpDeviceOnTheSamePortNumberIsAdmitted() throws Exception {
        OutboundPolicyService policy = policy("", "", "allow");

        assertThat(policy.admit("127.0.0.1", 18101, OutboundPolicy.Transport.UDP)).hasSize(1);
        assertThat(policy.admit(URI.create("coap://127.0.0.1:18101/reading"))).hasSize(1);
        assertThatThrownBy(() -> policy.admit(URI.create("http://127.0.0.1:18101/")))
                .isInstanceOf(DestinationRefusedException.class).hasMessageContaining("SSH port");
    }

    @Test
    void aStrictProfileAdmitsOnlyWhatTheAllowListNamesAndDenyBeatsAllow() throws Exception {
        OutboundPolicyService policy = policy("link-local, metadata, loopback, 10.9.0.0/16", "private, *.city.example",
                "deny");

        assertThat(policy.admit("10.20.30.40", 443)).hasSize(1);
        assertRefused(policy, "127.0.0.1", 1883, "'loopback' is on the deny list");
        assertRefused(policy, "10.9.1.1", 1883, "'10.9.0.0/16' is on the deny list");
        assertRefused(policy, "8.8.8.8", 53, "8.8.8.8 port 53: it is not on the allow list of etc/org.cityhub.outbound.cfg");
        // a name on the allow list that resolves to a denied address is still refused (rebinding to loopback)
        assertRefused(policy, "localhost", 1883, "localhost (");
    }

    @Test
    void aHostNameRuleMatchesTheNameAndEveryNameUnderADomain() {
        DestinationRule exact = DestinationRule.parse("Broker.City.Example.");
        DestinationRule domain = DestinationRule.parse("*.city.example");
        InetAddress any = InetAddress.getLoopbackAddress();

        assertThat(exact.matches("broker.city.example", any)).isTrue();
        assertThat(exact.matches("other.city.example", any)).isFalse();
        assertThat(domain.matches("a.b.city.example", any)).isTrue();
        assertThat(domain.matches("city.example", any)).isFalse();
        assertThat(domain.matches("evilcity.example", any)).isFalse();
    }

    @Test
    void rangesMatchByPrefix() throws Exception {
        AddressRange range = AddressRange.parse("172.16.0.0/12");

        assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains(InetAddress.getByName("fd12:3456::1"))).isTrue();
    }

    @Test
    void aDamagedFileRefusesEverythingAndSaysWhyUntilItIsMended() throws Exception {
        OutboundPolicyService policy = policy("link-local, 10.0.0.0/99, not a host!", "", "allow");

        assertRefused(policy, "10.1.1.1", 80, "etc/org.cityhub.outbound.cfg cannot be read (deny: '10.0.0.0/99': the"
                + " prefix length must be 0 to 32; 'not a host!' is neither");
        assertThat(policy.check().degraded()).isTrue();
        assertThat(policy.check().detail()).contains("every destination is refused until it is mended");

        policy.apply(config("link-local", "", "sometimes"));
        assertThat(policy.check().detail()).contains("otherwise: 'sometimes' is neither allow nor deny");

        policy.apply(config("link-local", "", "allow"));
        assertThat(policy.admit("10.1.1.1", 80)).hasSize(1);
        assertThat(policy.check().degraded()).isFalse();
    }

    private static void assertRefused(OutboundPolicyService policy, String host, int port, String reason) {
        assertThatThrownBy(() -> policy.admit(host, port)).isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining(reason);
    }

    private static OutboundPolicyService policy(String deny, String allow, String otherwise) throws Exception {
        ConfigurationAdmin configurations = mock(ConfigurationAdmin.class);
        when(configurations.listConfigurations(anyString())).thenAnswer(call -> {
            String filter = call.getArgument(0);
            Hashtable<String, Object> properties = new Hashtable<>();
            if (filter.contains("pax.web")) {
                properties.put("org.osgi.service.http.port", "18181");
            } else if (filter.contains("shell")) {
                properties.put("sshPort", 18101);
            } else {
                properties.put("rmiRegistryPort", "11099");
            }
            Configuration configuration = mock(Configuration.class);
            when(configuration.getProperties()).thenReturn(properties);
            return new Configuration[] { configuration };
        });
        return new OutboundPolicyService(configurations, config(deny, allow, otherwise));
    }

    private static OutboundPolicyService.Config config(String deny, String allow, String otherwise) {
        return new OutboundPolicyService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OutboundPolicyService.Config.class;
            }

            @Override
            public String deny() {
                return deny;
            }

            @Override
            public String allow() {
                return allow;
            }

            @Override
            public String otherwise() {
                return otherwise;
            }
        };
    }
}
