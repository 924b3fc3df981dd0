package io.jnatsd.cluster.route;

import io.jnatsd.account.Account;
import io.jnatsd.account.Subscription;
import io.jnatsd.protocol.PubArgs;
import io.jnatsd.server.ClusterLink;
import io.jnatsd.server.Connection;
import io.jnatsd.server.MessageRouter;
import io.jnatsd.server.MsgTrace;
import io.jnatsd.server.PendingFlushes;
import io.jnatsd.subject.InterestListener;
import io.jnatsd.subject.Sublist;
import io.jnatsd.subject.SublistResult;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Twin of the route half of {@code processMsgResults} in {@code server/client.go}: a message a
 * local connection published goes to the local subscriptions and to each route with interest,
 * once per route. A queue group gets one message in the whole cluster: a local member when one
 * takes it, else a member picked among the peers by their weights, whose route is told the
 * group's name in the RMSG.
 *
 * <p>Thread-safe: per-thread scratch and per-thread caches ({@link RemoteMatches}) only.
 */
final class RouteForwarder implements ClusterLink {

    private static final FastThreadLocal<RouteTargets> TARGETS = new FastThreadLocal<>() {
        @Override
        protected RouteTargets initialValue() {
            return new RouteTargets();
        }
    };

    private final RemoteInterest remoteInterest;
    private final LocalInterest localInterest;
    private final RemoteMatches remoteMatches;

    RouteForwarder(RemoteInterest remoteInterest, LocalInterest localInterest) {
        this.remoteInterest = remoteInterest;
        this.localInterest = localInterest;
        this.remoteMatches = new RemoteMatches(remoteInterest);
    }

    @Override
    public int deliver(Account account, SublistResult<Subscription> matches, PubArgs msg, Connection publisher,
                       boolean echo, PendingFlushes flushes) {
        return deliver(account, matches, msg, msg, publisher, echo, flushes);
    }

    @Override
    public int deliver(Account account, SublistResult<Subscription> matches, PubArgs msg, PubArgs routed,
                       Connection publisher, boolean echo, PendingFlushes flushes) {
        int delivered = MessageRouter.deliverPlain(matches, msg, publisher, echo, flushes);
        SublistResult<RemoteSub> remote = remoteMatches.match(account, routed);
        final int groups = matches.queueGroupCount();
        if (remote.isEmpty()) {
            for (int g = 0; g < groups; g++) {
                if (MessageRouter.deliverToQueueGroup(matches, g, msg, publisher, echo, flushes)) {
                    delivered++;
                }
            }
            return delivered;
        }
        RouteTargets targets = TARGETS.get();
        try {
            for (int i = 0; i < remote.plainCount(); i++) {
                targets.addPlain(remote.plain(i).route());
            }
            for (int g = 0; g < groups; g++) {
                if (MessageRouter.deliverToQueueGroup(matches, g, msg, publisher, echo, flushes)) {
                    delivered++;
                } else {
                    int rg = remote.queueGroupIndex(matches.queueName(g));
                    if (rg >= 0) {
                        pickRemoteMember(remote, rg, targets);
                    }
                }
            }
            for (int rg = 0; rg < remote.queueGroupCount(); rg++) {
                if (matches.queueGroupIndex(remote.queueName(rg)) < 0) {
                    pickRemoteMember(remote, rg, targets);
                }
            }
            byte[] accountName = targets.accountBytes(account.name());
            MsgTrace mt = msg.trace() instanceof MsgTrace t ? t : null;
            for (int i = 0; i < targets.size(); i++) {
                RouteConnection route = targets.route(i);
                int status = mt == null ? route.sendMsg(accountName, routed, targets.queues(i),
                        targets.queuesLength(i), flushes) : RouteTracing.send(mt, route, accountName, routed, targets,
                        i, flushes);
                if (status >= 0) {
                    delivered++;
                }
            }
        } finally {
            targets.reset();
        }
        return delivered;
    }

    /** A weighted random member: each peer subscription is listed as often as its weight. */
    private static void pickRemoteMember(SublistResult<RemoteSub> remote, int group, RouteTargets targets) {
        int members = remote.queueMemberCount(group);
        int pick = members == 1 ? 0 : ThreadLocalRandom.current().nextInt(members);
        RemoteSub sub = remote.queueMember(group, pick);
        targets.addQueue(sub.route(), sub.queueBytes());
    }

    /** Answered from the remote sublist's match cache: a clustered JetStream delivery asks this per message. */
    @Override
    public boolean hasRemoteInterest(Account account, String subject) {
        Sublist<RemoteSub> sublist = remoteInterest.sublistIfAny(account.name());
        return sublist != null && sublist.hasInterest(subject);
    }

    @Override
    public Runnable watchRemoteInterest(Account account, String subject, String queue, InterestListener listener) {
        Sublist<RemoteSub> sublist = remoteInterest.sublist(account.name());
        sublist.registerInterestListener(subject, queue, listener);
        return () -> sublist.clearInterestListener(subject, queue, listener);
    }

    @Override
    public void onLocalSubscription(Account account, Subscription subscription, boolean added) {
        localInterest.update(account.name(), subscription, added ? 1 : -1);
    }
}
