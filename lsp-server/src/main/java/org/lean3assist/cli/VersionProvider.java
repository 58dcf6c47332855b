package org.lean3assist.cli;

import org.lean3assist.engine.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the product's version and the Java it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"lean3-assist " + Version.current(), "Java " + Runtime.version()};
    }
}
