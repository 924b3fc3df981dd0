package io.jnatsd.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeakCheckExtensionTest {

    @Test
    void shouldFailTheClass_whenABufferIsLeaked() {
        leakOneBuffer();
        ExtensionContext context = (ExtensionContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> method.getName().equals("getDisplayName") ? "probe" : null);
        assertThatThrownBy(() -> awaitLeakReport(context))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LEAK");
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeLong(42);
    }

    /** GC is not deterministic, so a few rounds are allowed before the report must show. */
    private static void awaitLeakReport(ExtensionContext context) {
        LeakCheckExtension check = new LeakCheckExtension();
        for (int round = 0; round < 20; round++) {
            check.afterAll(context);
        }
    }
}
