package io.jnatsd;

/** jnatsd's own version, from the jar manifest (the build's project version). */
public final class JnatsdVersion {

    private static final String UNKNOWN = "dev";

    private JnatsdVersion() {
    }

    public static String get() {
        String v = JnatsdVersion.class.getPackage().getImplementationVersion();
        return v == null ? UNKNOWN : v;
    }
}
