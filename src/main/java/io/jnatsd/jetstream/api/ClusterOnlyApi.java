package io.jnatsd.jetstream.api;

import io.jnatsd.jetstream.errors.ApiError;

/**
 * The $JS.API subjects that only act in a cluster, answered as the reference answers them on a server without
 * one: the stream and consumer ones ({@code jsStreamRemapPeerRequest}, {@code jsStreamLeaderStepDownRequest},
 * {@code jsConsumerLeaderStepDownRequest}, {@code jsStreamCancelMoveRequest}) with CLUSTER_REQUIRED; the meta
 * and server ones ({@code jsLeaderStepDownRequest}, {@code jsLeaderServerRemoveRequest},
 * {@code jsLeaderServerEvacuateRequest}, {@code jsMetaRescueRequest}, the {@code ACCOUNT.STREAM.MOVE} pair)
 * not at all, since they need a meta leader; and {@code ACCOUNT.PURGE}, which only the system account may ask
 * and which is silent for every other account.
 *
 * <p>Threading: stateless.
 */
public final class ClusterOnlyApi {
    static final String REMOVE_PEER_TYPE = "io.nats.jetstream.api.v1.stream_remove_peer_response";
    static final String STREAM_STEPDOWN_TYPE = "io.nats.jetstream.api.v1.stream_leader_stepdown_response";
    static final String CONSUMER_STEPDOWN_TYPE = "io.nats.jetstream.api.v1.consumer_leader_stepdown_response";
    static final String STREAM_UPDATE_TYPE = "io.nats.jetstream.api.v1.stream_update_response";
    static final String META_STEPDOWN_TYPE = "io.nats.jetstream.api.v1.meta_leader_stepdown_response";
    static final String SERVER_REMOVE_TYPE = "io.nats.jetstream.api.v1.meta_server_remove_response";
    static final String META_RESCUE_TYPE = "io.nats.jetstream.api.v1.meta_rescue_response";
    static final String ACCOUNT_PURGE_TYPE = "io.nats.jetstream.api.v1.account_purge_response";

    /** @param router the router */
    public void registerOn(JsApiRouter router) {
        router.register("$JS.API.STREAM.PEER.REMOVE.*", REMOVE_PEER_TYPE, ClusterOnlyApi::clusterRequired);
        router.register("$JS.API.STREAM.PEER.EVACUATE.*", REMOVE_PEER_TYPE, ClusterOnlyApi::clusterRequired);
        router.register("$JS.API.STREAM.LEADER.STEPDOWN.*", STREAM_STEPDOWN_TYPE, ClusterOnlyApi::clusterRequired);
        router.register("$JS.API.STREAM.CANCEL_MOVE.*", STREAM_UPDATE_TYPE, ClusterOnlyApi::clusterRequired);
        router.register("$JS.API.CONSUMER.LEADER.STEPDOWN.*.*", CONSUMER_STEPDOWN_TYPE,
            ClusterOnlyApi::clusterRequired);
        router.register("$JS.API.META.LEADER.STEPDOWN", META_STEPDOWN_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.SERVER.REMOVE", SERVER_REMOVE_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.SERVER.EVACUATE", SERVER_REMOVE_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.META.RESCUE", META_RESCUE_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.ACCOUNT.PURGE.*", ACCOUNT_PURGE_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.ACCOUNT.STREAM.MOVE.*.*", STREAM_UPDATE_TYPE, ClusterOnlyApi::silent);
        router.register("$JS.API.ACCOUNT.STREAM.CANCEL_MOVE.*.*", STREAM_UPDATE_TYPE, ClusterOnlyApi::silent);
    }

    static Object clusterRequired(ApiRequest req) {
        throw ApiError.CLUSTER_REQUIRED.toException();
    }

    /** The reference drops these requests without an answer when there is no meta group or system account. */
    static Object silent(ApiRequest req) {
        return JsApiRouter.NO_REPLY;
    }
}
