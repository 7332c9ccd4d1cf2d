package org.attentionsuite.app.cli;

import org.attentionsuite.core.SuiteVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code ./suite --version}: the build's version, from {@link SuiteVersion}, and the Java runtime. */
final class BuildVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"attention-suite " + SuiteVersion.get(),
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"))};
    }
}
