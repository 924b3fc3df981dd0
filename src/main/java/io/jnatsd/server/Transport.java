package io.jnatsd.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * The Netty transport: the native epoll transport where the platform has it, NIO elsewhere.
 * One thread accepts; one I/O thread per core serves connections, each connection pinned to
 * one of them.
 */
final class Transport {

    private final String name;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends Channel> socketChannelClass;

    private Transport(String name, IoHandlerFactory factory, Class<? extends ServerChannel> serverChannelClass,
                      Class<? extends Channel> socketChannelClass) {
        this.socketChannelClass = socketChannelClass;
        this.name = name;
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, factory);
        this.ioGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), factory);
        this.serverChannelClass = serverChannelClass;
    }

    static Transport create() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    io.netty.channel.epoll.EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                io.netty.channel.socket.nio.NioSocketChannel.class);
    }

    String name() {
        return name;
    }

    EventLoopGroup acceptGroup() {
        return acceptGroup;
    }

    EventLoopGroup ioGroup() {
        return ioGroup;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    Class<? extends Channel> socketChannelClass() {
        return socketChannelClass;
    }

    void shutdownGracefully() {
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /**
     * Waits until every thread of both groups has ended, at most {@code timeoutMillis}; returns
     * at once, false, when called on one of those threads (it would wait on itself).
     */
    boolean awaitTermination(long timeoutMillis) throws InterruptedException {
        if (onOwnThread()) {
            return false;
        }
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean accept = acceptGroup.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        long leftNs = Math.max(0, deadlineNs - System.nanoTime());
        return ioGroup.awaitTermination(leftNs, TimeUnit.NANOSECONDS) && accept;
    }

    private boolean onOwnThread() {
        for (EventExecutor e : acceptGroup) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        for (EventExecutor e : ioGroup) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
