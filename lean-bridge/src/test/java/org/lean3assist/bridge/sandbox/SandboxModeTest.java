package org.lean3assist.bridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setting, and what each mode gives on a machine where the sandbox does not work. The probe
 * is pointed at such a machine (no bubblewrap on its PATH, a bubblewrap that fails, another OS)
 * rather than anything being uninstalled.
 */
class SandboxModeTest {

    @TempDir
    Path temporary;

    @Test
    void parsesTheSettingIgnoringCase() {
        assertEquals(SandboxMode.AUTO, SandboxMode.parse("auto"));
        assertEquals(SandboxMode.REQUIRED, SandboxMode.parse("Required"));
        assertEquals(SandboxMode.OFF, SandboxMode.parse("OFF"));
        for (SandboxMode mode : SandboxMode.values()) {
            assertSame(mode, SandboxMode.parse(mode.settingValue()));
        }
        assertEquals(List.of("auto", "required", "off"), List.of(SandboxMode.values()).stream().map(SandboxMode::settingValue).toList());
    }

    @Test
    void refusesOtherTextNamingTheValidValues() {
        for (String wrong : new String[] {"yes", "", "strict", null}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SandboxMode.parse(wrong));
            assertTrue(refused.getMessage().contains("[auto, required, off]"), refused.getMessage());
        }
    }

    @Test
    void offDoesNotConfineAndLeavesTheCommandAlone() throws Exception {
        Sandbox off = Sandbox.forMode(SandboxMode.OFF);
        List<String> argv = List.of("/usr/bin/lean", "--server");

        assertFalse(off.confines());
        assertEquals(argv, off.wrap(argv, SandboxSpec.forLean(List.of(), temporary, temporary, 1024)));
        assertEquals("not sandboxed: the lean3Assist.sandbox setting is \"off\"", off.describe());
    }

    @Test
    void withoutBubblewrapOnPathRequiredThrowsWithAnInstallHint() {
        SandboxProbe.Outcome probe = new SandboxProbe("Linux", temporary.resolve("no-such-directory").toString(), false).probe();
        assertFalse(probe.availability().available());
        assertEquals("bubblewrap not found on PATH", probe.availability().detail());

        SandboxUnavailableException refused = assertThrows(SandboxUnavailableException.class,
                () -> Sandbox.forMode(SandboxMode.REQUIRED, probe, new AtomicBoolean()));
        assertEquals("bubblewrap not found on PATH", refused.reason());
        for (String hint : List.of("bubblewrap not found on PATH", "apt install bubblewrap", "dnf install bubblewrap", "macOS and Windows")) {
            assertTrue(refused.getMessage().contains(hint), refused.getMessage());
        }
    }

    @Test
    void withoutBubblewrapAutoRunsUnconfinedAndWarnsOnce() throws Exception {
        SandboxProbe.Outcome probe = new SandboxProbe("Linux", temporary.toString(), false).probe();
        List<LogRecord> warnings = new ArrayList<>();
        Handler collector = new Handler() {
            @Override
            public void publish(LogRecord logged) {
                if (logged.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(logged);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(Sandbox.class.getName());
        logger.addHandler(collector);
        try {
            AtomicBoolean warned = new AtomicBoolean();
            Sandbox first = Sandbox.forMode(SandboxMode.AUTO, probe, warned);
            Sandbox second = Sandbox.forMode(SandboxMode.AUTO, probe, warned);

            assertFalse(first.confines());
            assertFalse(second.confines());
            assertEquals("not sandboxed: bubblewrap not found on PATH", first.describe());
            assertEquals(1, warnings.size(), "warnings: " + warnings.size());
            assertTrue(warnings.get(0).getMessage().contains("bubblewrap not found on PATH"), warnings.get(0).getMessage());
            assertTrue(warnings.get(0).getMessage().contains("apt install bubblewrap"), warnings.get(0).getMessage());
        } finally {
            logger.removeHandler(collector);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aBubblewrapThatFailsItsTrialIsUnavailableAndSaysWhy() throws Exception {
        // A bubblewrap that answers --version but cannot make a sandbox, as on a kernel that
        // forbids user namespaces; the rest of the PATH is the machine's, so every other tool is found.
        Path fakeBin = Files.createDirectory(temporary.resolve("bin"));
        Path fakeBwrap = Files.writeString(fakeBin.resolve("bwrap"), """
                #!/bin/sh
                if [ "$1" = --version ]; then echo "bubblewrap 0.0.1"; exit 0; fi
                echo "bwrap: setting up uid map: Permission denied" >&2
                exit 1
                """);
        Files.setPosixFilePermissions(fakeBwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = fakeBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

        SandboxProbe.Outcome probe = new SandboxProbe("Linux", path, RealSandbox.callerIsRoot()).probe();

        assertFalse(probe.availability().available());
        assertEquals("bwrap: setting up uid map: Permission denied", probe.availability().detail());
        assertThrows(SandboxUnavailableException.class, () -> Sandbox.forMode(SandboxMode.REQUIRED, probe, new AtomicBoolean()));
    }

    @Test
    void anotherOsHasNoSandbox() {
        for (String osName : List.of("Mac OS X", "Windows 11")) {
            SandboxProbe.Outcome probe = new SandboxProbe(osName, "/usr/bin:/bin", false).probe();
            assertFalse(probe.availability().available());
            assertEquals("bubblewrap exists only on Linux, and this is " + osName, probe.availability().detail());
        }
    }

    @Test
    void noneConfinesNothing() throws IOException {
        Sandbox none = Sandbox.none("tests");
        List<String> argv = List.of("relative-is-fine-when-nothing-is-wrapped");

        assertFalse(none.confines());
        assertEquals("not sandboxed: tests", none.describe());
        assertEquals(argv, none.wrap(argv, SandboxSpec.forLean(List.of(), temporary, temporary, 64)));
    }
}
