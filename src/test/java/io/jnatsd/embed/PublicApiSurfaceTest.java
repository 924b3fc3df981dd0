package io.jnatsd.embed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding API shows no Netty and no internal jnatsd type: every public or protected
 * member of every public class in {@code io.jnatsd.embed} and {@code io.jnatsd.junit} uses
 * only the JDK, those two packages, JUnit's API and the official NATS client.
 */
class PublicApiSurfaceTest {

    private static final List<String> PUBLIC_PACKAGES = List.of("io.jnatsd.embed", "io.jnatsd.junit");
    private static final List<String> ALLOWED_PREFIXES = List.of("java.", "io.jnatsd.embed.", "io.jnatsd.junit.",
            "org.junit.jupiter.api.", "io.nats.client.");

    @Test
    void shouldExposeOnlyJdkEmbedJunitAndNatsClientTypes_whenScanningThePublicApi() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<Class<?>> classes = publicClasses();
        for (Class<?> c : classes) {
            check(c.getName(), c.getGenericSuperclass(), offenders);
            for (Type t : c.getGenericInterfaces()) {
                check(c.getName() + " implements", t, offenders);
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), f.getGenericType(), offenders);
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                checkExecutable(c, k, offenders);
            }
            for (Method m : c.getDeclaredMethods()) {
                checkExecutable(c, m, offenders);
                if (visible(m.getModifiers())) {
                    check(c.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), offenders);
                }
            }
        }

        assertThat(classes).extracting(Class::getSimpleName)
                .contains("JnatsdServer", "JnatsdServerBuilder", "JnatsdCluster", "JnatsdClusterBuilder", "EmbeddedNats",
                        "EmbeddedNatsExtension");
        assertThat(offenders).isEmpty();
    }

    @Test
    void shouldFindAnOffender_whenATypeIsNetty() {
        List<String> offenders = new ArrayList<>();

        check("probe", io.netty.buffer.ByteBuf.class, offenders);
        check("probe", io.jnatsd.server.NatsServer.class, offenders);

        assertThat(offenders).hasSize(2);
    }

    private static void checkExecutable(Class<?> owner, Executable e, List<String> offenders) {
        if (!visible(e.getModifiers()) || e.isSynthetic()) {
            return;
        }
        for (Type p : e.getGenericParameterTypes()) {
            check(owner.getName() + "." + e.getName() + " takes", p, offenders);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(owner.getName() + "." + e.getName() + " throws", x, offenders);
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> offenders) {
        switch (type) {
            case null -> { }
            case Class<?> c when c.isArray() -> check(where, c.getComponentType(), offenders);
            case Class<?> c when c.isPrimitive() -> { }
            case Class<?> c -> {
                if (ALLOWED_PREFIXES.stream().noneMatch(p -> c.getName().startsWith(p))) {
                    offenders.add(where + ": " + c.getName());
                }
            }
            case ParameterizedType p -> {
                check(where, p.getRawType(), offenders);
                Stream.of(p.getActualTypeArguments()).forEach(a -> check(where, a, offenders));
            }
            case GenericArrayType g -> check(where, g.getGenericComponentType(), offenders);
            case WildcardType w -> {
                Stream.of(w.getUpperBounds()).forEach(b -> check(where, b, offenders));
                Stream.of(w.getLowerBounds()).forEach(b -> check(where, b, offenders));
            }
            case TypeVariable<?> v -> Stream.of(v.getBounds()).forEach(b -> check(where, b, offenders));
            default -> offenders.add(where + ": unknown type " + type);
        }
    }

    /** The public top-level and nested classes of the public packages, read from the compiled classes. */
    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : PUBLIC_PACKAGES) {
            Path dir = Path.of(JnatsdServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(pkg.replace('.', '/'));
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path f : files) {
                String simple = f.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(pkg + "." + simple, false, PublicApiSurfaceTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && isPubliclyReachable(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean isPubliclyReachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }
}
