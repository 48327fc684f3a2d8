package org.colloquy.gateway;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who really asked: the direct peer, unless that peer is one of our trusted proxies (a load balancer or ingress in
 * front of the gateway), in which case its {@code X-Forwarded-For} is read from the right, skipping every trusted hop,
 * up to the first address no trusted proxy stands for. Entries further left were written by the client itself and
 * prove nothing, so a client that sends {@code X-Forwarded-For} on its own gets its own peer address.
 */
final class ClientAddress {

    private final List<Cidr> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse)
                .toList();
    }

    /**
     * @param peer the address of the direct peer, as Vert.x reports it
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order (may be empty)
     * @return the one address to pass on
     */
    String resolve(String peer, List<String> forwardedFor) {
        byte[] current = address(peer);
        if (current == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
        for (int i = hops.size() - 1; i >= 0 && trusted(current); i--) {
            byte[] hop = literal(hops.get(i));
            if (hop == null) {
                break; // a trusted proxy would not write garbage; keep the last address we can vouch for
            }
            current = hop;
        }
        return text(current);
    }

    private boolean trusted(byte[] address) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** An IP literal, optionally with a port ({@code 1.2.3.4:80}, {@code [::1]:80}); never a host name. */
    private static byte[] literal(String entry) {
        String value = entry.trim();
        if (value.startsWith("[") && value.indexOf(']') > 0) {
            value = value.substring(1, value.indexOf(']'));
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':'));
        }
        return address(value);
    }

    /** The bytes of an IP literal, an IPv4-mapped IPv6 address as IPv4 (so that IPv4 ranges cover it); else null. */
    static byte[] address(String literal) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a length other than 4 or 16, which the parser never gives
        }
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a single address is a range of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = address(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("colloquy.gateway.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR range (like 10.0.0.0/8)");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("colloquy.gateway.trusted-proxies: '" + text
                            + "' has an invalid prefix length");
                }
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
