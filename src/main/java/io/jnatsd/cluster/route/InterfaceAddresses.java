package io.jnatsd.cluster.route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code host:port} of every non-loopback address of this machine, as the reference lists
 * them in {@code connect_urls} for a server that listens on all interfaces. Stateless.
 */
final class InterfaceAddresses {

    private InterfaceAddresses() {
    }

    static List<String> urls(int port) {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    String host = a.getHostAddress();
                    int zone = host.indexOf('%');
                    if (zone >= 0) {
                        host = host.substring(0, zone);
                    }
                    out.add(a instanceof Inet6Address ? "[" + host + "]:" + port : host + ":" + port);
                }
            }
        } catch (SocketException e) {
            return out;
        }
        return out;
    }
}
