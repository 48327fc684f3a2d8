package org.colloquy.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress noProxies = new ClientAddress(List.of());
    private final ClientAddress behindBalancer = new ClientAddress(List.of("10.0.0.0/8", " 192.168.1.5 ", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItClaims() {
        assertThat(noProxies.resolve("203.0.113.9", List.of("1.2.3.4", "5.6.7.8, 9.9.9.9")))
                .isEqualTo("203.0.113.9");
        assertThat(noProxies.resolve("203.0.113.9", List.of())).isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeerIsTheClientEvenWhenProxiesAreConfigured() {
        assertThat(behindBalancer.resolve("203.0.113.9", List.of("10.1.1.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        // the client sent "6.6.6.6"; the balancer appended what it saw (198.51.100.7)
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // two trusted hops: skipped from the right
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("6.6.6.6, 198.51.100.7", "192.168.1.5")))
                .isEqualTo("198.51.100.7");
        assertThat(behindBalancer.resolve("fd00::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aTrustedProxyWithoutForwardedForIsItselfTheClient() {
        assertThat(behindBalancer.resolve("10.2.3.4", List.of())).isEqualTo("10.2.3.4");
        // every hop trusted: the left-most one is as far as anything can be known
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("10.9.9.9"))).isEqualTo("10.9.9.9");
    }

    @Test
    void portsAndBracketsAreDroppedAndNonAddressesAreNeverBelieved() {
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("198.51.100.7:4711"))).isEqualTo("198.51.100.7");
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("[2001:db8::7]:443")))
                .isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(behindBalancer.resolve("10.2.3.4", List.of("evil.example, unknown"))).isEqualTo("10.2.3.4");
    }

    @Test
    void ipv4MappedPeersMatchIpv4Ranges() {
        assertThat(behindBalancer.resolve("::ffff:10.2.3.4", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void rangesArePrefixExact() {
        ClientAddress slash20 = new ClientAddress(List.of("172.16.0.0/12"));
        assertThat(slash20.resolve("172.31.255.255", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(slash20.resolve("172.32.0.1", List.of("198.51.100.7"))).isEqualTo("172.32.0.1");
    }

    @Test
    void aMistypedRangeFailsAtStartUp() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("colloquy.gateway.trusted-proxies");
        assertThatThrownBy(() -> new ClientAddress(List.of("balancer.internal")))
                .hasMessageContaining("not an IP address");
    }
}
