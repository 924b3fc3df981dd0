package io.jnatsd.testing;

import io.jnatsd.config.ConfException;
import io.jnatsd.config.ConfParser;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.config.ServerOptionsReader;
import io.jnatsd.server.NatsServer;
import io.jnatsd.server.ReloadException;

import java.util.List;

/** Reloads an in-process server with options read from conf-file text, as a SIGHUP would. Stateless. */
public final class ConfReloads {

    private ConfReloads() {
    }

    /** The options {@code conf} reads to, on the running server's host and port. */
    public static ServerOptions optionsOf(NatsServer server, String conf) {
        ServerOptions.Builder b = TestServers.baseOptions();
        try {
            new ServerOptionsReader().read(new ConfParser().parseString(conf), b);
        } catch (ConfException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return b.host(server.options().host()).port(server.options().port()).build();
    }

    /** Reloads {@code server} with {@code conf}; returns the changed option components. */
    public static List<String> reload(NatsServer server, String conf) throws ReloadException {
        return server.reloadOptions(optionsOf(server, conf));
    }
}
