package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Twin of {@code ReloadOptions}, {@code diffOptions} and {@code applyOptions} in
 * {@code server/reload.go}: compares the running options with new ones, component by
 * component, refuses the whole reload when a changed component is not reloadable or a
 * {@link ReloadParticipant} vetoes it, and otherwise swaps the options and lets each
 * participant apply its part. Either everything changes or nothing does.
 *
 * <p>Thread-safe: reloads run one at a time (the reference's {@code reloadMu}).
 */
public final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** The reference's field names, used in its error texts, for components whose name differs. */
    private static final Map<String, String> GO_FIELD_NAMES = Map.ofEntries(
            Map.entry("host", "Host"), Map.entry("port", "Port"), Map.entry("serverName", "ServerName"),
            Map.entry("maxPendingBytes", "MaxPending"), Map.entry("maxConnections", "MaxConn"),
            Map.entry("maxSubscriptions", "MaxSubs"), Map.entry("pingMax", "MaxPingsOut"),
            Map.entry("noHeaderSupport", "NoHeaderSupport"), Map.entry("jetStream", "JetStream"),
            Map.entry("storeDir", "StoreDir"), Map.entry("httpHost", "HTTPHost"), Map.entry("httpPort", "HTTPPort"),
            Map.entry("httpBasePath", "HTTPBasePath"), Map.entry("auth", "Authorization"),
            Map.entry("gateway", "Gateway"), Map.entry("leafNodes", "LeafNode"), Map.entry("websocket", "Websocket"),
            Map.entry("mqtt", "MQTT"));

    private final NatsServer server;
    private final List<ReloadParticipant> participants = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    ConfigReload(NatsServer server) {
        this.server = server;
    }

    /** Adds a participant; later reloads consult it. Thread-safe. */
    void add(ReloadParticipant participant) {
        participants.add(participant);
    }

    /**
     * Applies {@code requested} if every change in it can be made at run time. Thread-safe.
     *
     * @return the names of the components that changed (empty when nothing did)
     * @throws ReloadException when a change is refused; nothing was changed then
     */
    List<String> reload(ServerOptions requested) throws ReloadException {
        lock.lock();
        try {
            ServerOptions current = server.options();
            ServerOptions next = keepBoundPort(current, requested);
            List<String> changed = changedComponents(current, next);
            Map<ReloadParticipant, Boolean> involved = new LinkedHashMap<>();
            for (String name : changed) {
                List<ReloadParticipant> owners = participants.stream()
                        .filter(p -> p.components().contains(name)).toList();
                if (owners.isEmpty()) {
                    throw notSupported(name, value(current, name), value(next, name));
                }
                owners.forEach(p -> involved.put(p, true));
            }
            participants.stream().filter(ReloadParticipant::readsFiles).forEach(p -> involved.put(p, true));
            for (ReloadParticipant p : participants) {
                if (involved.containsKey(p)) {
                    p.check(current, next);
                }
            }
            server.swapOptions(next);
            for (ReloadParticipant p : participants) {
                if (involved.containsKey(p)) {
                    p.apply(current, next);
                }
            }
            LOG.info("Reloaded server configuration");
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A server started on a random port runs on the port it was given; the reference stores that
     * port in its options. A file that asks for a random port again, or names the bound port,
     * keeps it; another port is a change (and refused).
     */
    private ServerOptions keepBoundPort(ServerOptions current, ServerOptions next) throws ReloadException {
        if (next.port() == current.port()) {
            return next;
        }
        int bound = current.port() == ServerOptions.RANDOM_PORT && server.info() != null
                ? server.clientPort() : current.port();
        if (next.port() == ServerOptions.RANDOM_PORT || next.port() == bound) {
            return next.toBuilder().port(current.port()).build();
        }
        throw notSupported("port", bound, next.port());
    }

    /** The components of the options record whose values differ, in declaration order. */
    static List<String> changedComponents(ServerOptions a, ServerOptions b) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : ServerOptions.class.getRecordComponents()) {
            if (!Objects.equals(value(a, c.getName()), value(b, c.getName()))) {
                out.add(c.getName());
            }
        }
        return out;
    }

    static Object value(ServerOptions options, String component) {
        for (RecordComponent c : ServerOptions.class.getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    return c.getAccessor().invoke(options);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read option " + component, e);
                }
            }
        }
        throw new IllegalArgumentException("no option " + component);
    }

    /** The reference's refusal: {@code config reload not supported for Port: old=4222, new=4333}. */
    public static ReloadException notSupported(String component, Object oldValue, Object newValue) {
        return new ReloadException("config reload not supported for " + goFieldName(component) + ": old="
                + goString(oldValue) + ", new=" + goString(newValue));
    }

    /** The reference's name of an option field: {@code maxConnections} is {@code MaxConn}. */
    static String goFieldName(String component) {
        String known = GO_FIELD_NAMES.get(component);
        if (known != null) {
            return known;
        }
        return Character.toUpperCase(component.charAt(0)) + component.substring(1);
    }

    /** A value as Go's {@code %v} prints it: durations as {@code 2m0s}, nothing as the empty string. */
    static String goString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration d) {
            return GoDurations.string(d.toNanos());
        }
        return value.toString();
    }
}
