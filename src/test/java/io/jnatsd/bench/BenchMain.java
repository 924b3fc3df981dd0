package io.jnatsd.bench;

/**
 * Runs the JMH benchmarks from the test classpath:
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" io.jnatsd.bench.BenchMain ParserBench}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
