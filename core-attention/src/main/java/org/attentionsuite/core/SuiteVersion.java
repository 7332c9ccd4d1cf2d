package org.attentionsuite.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The suite's version, the one place that knows it: the pom's {@code project.version}, written by
 * the build into the resource {@code org/attentionsuite/core/suite-version.properties} (Maven
 * resource filtering). Checkpoint provenance records it and {@code ./suite --version} prints it.
 */
public final class SuiteVersion {
    /** The resource the build writes. */
    static final String RESOURCE = "suite-version.properties";
    /** The version when the classes were not built by Maven (e.g. compiled by an IDE alone). */
    static final String UNKNOWN = "unknown";

    private static final String VERSION = read();

    private SuiteVersion() {
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code "unknown"} outside a Maven build. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = SuiteVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            // an unfiltered copy still holds the placeholder
            return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-path resource " + RESOURCE, e);
        }
    }
}
