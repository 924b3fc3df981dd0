package io.jnatsd.monitor;

import io.jnatsd.server.ServerInfo;

/**
 * Twin of {@code HandleRoot} in {@code server/monitor.go}: the HTML page at the base path
 * with a link per endpoint, relative to the base path, in the reference's order.
 */
final class IndexPage {

    private static final String[][] LINKS = {
        {MonitorPaths.VARZ, "General"},
        {MonitorPaths.JSZ, "JetStream"},
        {MonitorPaths.CONNZ, "Connections"},
        {MonitorPaths.ACCOUNTZ, "Accounts"},
        {MonitorPaths.ACCSTATZ, "Account Stats"},
        {MonitorPaths.SUBSZ, "Subscriptions"},
        {MonitorPaths.ROUTEZ, "Routes"},
        {MonitorPaths.LEAFZ, "LeafNodes"},
        {MonitorPaths.GATEWAYZ, "Gateways"},
        {MonitorPaths.HEALTHZ, "Health Probe"},
    };

    private IndexPage() {
    }

    static String render(MonitorPaths paths) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<html lang=\"en\">\n\t<head>\n\t<link rel=\"shortcut icon\" href=\"https://nats.io/favicon.ico\">\n")
                .append("\t<style type=\"text/css\">\n")
                .append("\t\tbody { font-family: ui-sans-serif,system-ui,sans-serif; font-size: 18;")
                .append(" margin-left: 32px }\n")
                .append("\t\ta { display:block; margin-left: 7px; padding-bottom: 6px; color: rgb(72 72 92);")
                .append(" text-decoration: none }\n")
                .append("\t\ta:hover { font-weight: 600; color: rgb(59 50 202) }\n")
                .append("\t\ta.help { display:inline; font-weight: 600; color: rgb(59 50 202); font-size: 20}\n")
                .append("\t\ta.last { padding-bottom: 16px }\n")
                .append("\t\ta.version { font-size: 14; font-weight: 400; width: 312px; text-align: right }\n")
                .append("\t</style>\n\t</head>\n\t<body>\n")
                .append("\t<h1>jnatsd</h1>\n")
                .append("\t<a href=https://github.com/nats-io/nats-server class='version'>v")
                .append(ServerInfo.REFERENCE_VERSION).append("</a>\n\n\t<br/>\n");
        for (int i = 0; i < LINKS.length; i++) {
            sb.append("\t<a href=.").append(paths.resolve(LINKS[i][0]))
                    .append(i == LINKS.length - 1 ? " class=last>" : ">").append(LINKS[i][1]).append("</a>\n");
        }
        sb.append("    <a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring")
                .append(" class=\"help\">Help</a>\n")
                .append("  </body>\n</html>");
        return sb.toString();
    }
}
