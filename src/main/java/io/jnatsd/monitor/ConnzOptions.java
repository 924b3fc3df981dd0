package io.jnatsd.monitor;

/**
 * Twin of {@code ConnzOptions} in {@code server/monitor.go}: what a /connz request asks for,
 * decoded and checked as {@code HandleConnz} and {@code Connz} do.
 *
 * @param sort       the order
 * @param auth       include user and account
 * @param subs       include the subjects of each connection
 * @param subsDetail include each subscription in detail
 * @param offset     first entry of the page
 * @param limit      entries per page
 * @param cid        only this connection, 0 for all
 * @param state      open, closed or all
 * @param user       only connections of this user (with auth)
 * @param account    only connections of this account (with auth)
 * @param mqttClient only the connection of this MQTT client id; no connection has one until MQTT exists
 */
record ConnzOptions(ConnzSort sort, boolean auth, boolean subs, boolean subsDetail, int offset, int limit, long cid,
                    QueryParams.ConnState state, String user, String account, String mqttClient) {

    /** The reference's {@code DefaultConnListSize}. */
    static final int LIMIT_DEFAULT = 1024;

    static ConnzOptions from(QueryParams q) throws BadRequestException {
        String sortName = q.get("sort");
        boolean auth = q.bool("auth");
        boolean detail = q.subsDetail();
        boolean subs = q.subsList();
        int offset = q.integer("offset");
        int limit = q.integer("limit");
        long cid = q.unsigned("cid");
        QueryParams.ConnState state = q.state();
        ConnzSort sort = ConnzSort.parse(sortName);
        if (sort == null) {
            throw new BadRequestException("invalid sorting option: " + sortName);
        }
        if (sort == ConnzSort.STOP && state != QueryParams.ConnState.CLOSED) {
            throw new BadRequestException("sort by stop only valid on closed connections");
        }
        if (sort == ConnzSort.REASON && state != QueryParams.ConnState.CLOSED) {
            throw new BadRequestException("sort by reason only valid on closed connections");
        }
        offset = Math.max(0, offset);
        if (limit <= 0) {
            limit = LIMIT_DEFAULT;
        }
        if (cid > 0) {
            limit = 1;
        }
        return new ConnzOptions(sort, auth, subs, detail, offset, limit, cid, state, q.get("user"), q.get("acc"),
                q.get("mqtt_client"));
    }
}
