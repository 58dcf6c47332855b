package org.lean3assist.bridge.sandbox;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a sandboxed process may see and use.
 *
 * @param readOnly paths bound read-only at the same absolute path inside (the Lean toolchain
 *     prefix, the project root, dependency directories); paths missing when the process starts are
 *     skipped
 * @param scratch the only writable directory, bound read-write at the same path; it is created if
 *     missing
 * @param workingDirectory the working directory inside, which must lie under one of
 *     {@code readOnly} or under {@code scratch}
 * @param addressSpaceMb the address-space limit ({@code RLIMIT_AS}) in MiB
 * @param fileSizeMb the largest file the process may write ({@code RLIMIT_FSIZE}) in MiB; the
 *     private {@code /tmp} holds at most this much in total
 * @param processes how many processes and threads the sandbox may hold at once ({@code RLIMIT_NPROC},
 *     counted for the sandbox alone)
 * @param openFiles how many files each process may hold open ({@code RLIMIT_NOFILE})
 * @param environment the only environment variables the process gets, with {@code PWD}, which
 *     bubblewrap always sets to the working directory; everything else is cleared
 */
public record SandboxSpec(List<Path> readOnly, Path scratch, Path workingDirectory, long addressSpaceMb,
                          long fileSizeMb, int processes, int openFiles, Map<String, String> environment) {

    /** The environment of a Lean checker: a {@code PATH} of system directories and nothing else. */
    public static final Map<String, String> LEAN_ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin");

    public SandboxSpec {
        readOnly = readOnly.stream().map(path -> checkedPath(path, "a readOnly path")).toList();
        scratch = checkedPath(scratch, "the scratch directory");
        workingDirectory = checkedPath(workingDirectory, "the working directory");
        if (!isUnderAny(workingDirectory, scratch, readOnly)) {
            // Outside every bound path the directory would not exist inside, and bubblewrap
            // would fail at start with a message far from its cause.
            throw new IllegalArgumentException("the working directory " + workingDirectory
                    + " must lie under the scratch directory or a readOnly path");
        }
        requirePositive(addressSpaceMb, "addressSpaceMb");
        requirePositive(fileSizeMb, "fileSizeMb");
        requirePositive(processes, "processes");
        requirePositive(openFiles, "openFiles");
        // A sorted copy keeps the command line the same from run to run, which logs and tests read.
        TreeMap<String, String> sortedEnvironment = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a valid environment variable: '" + name + "'");
            }
            sortedEnvironment.put(name, value);
        });
        environment = Collections.unmodifiableMap(sortedEnvironment);
    }

    /**
     * The defaults for a Lean checker: files up to 64 MiB, 64 processes and threads, 256 open
     * files, and {@link #LEAN_ENVIRONMENT} as the whole environment.
     */
    public static SandboxSpec forLean(List<Path> readOnly, Path scratch, Path workingDirectory, long addressSpaceMb) {
        return new SandboxSpec(readOnly, scratch, workingDirectory, addressSpaceMb, 64, 64, 256, LEAN_ENVIRONMENT);
    }

    /** This spec with another environment (for a checker that needs, say, {@code LEAN_PATH}). */
    public SandboxSpec withEnvironment(Map<String, String> otherEnvironment) {
        return new SandboxSpec(readOnly, scratch, workingDirectory, addressSpaceMb, fileSizeMb, processes, openFiles,
                otherEnvironment);
    }

    private static Path checkedPath(Path path, String what) {
        Objects.requireNonNull(path, what);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be absolute, not " + path);
        }
        Path normalized = path.normalize();
        if (normalized.getNameCount() == 0) {
            // Binding the root directory would show the whole machine, home directories included.
            throw new IllegalArgumentException(what + " must not be the root directory");
        }
        return normalized;
    }

    private static boolean isUnderAny(Path path, Path scratch, List<Path> readOnly) {
        return path.startsWith(scratch) || readOnly.stream().anyMatch(path::startsWith);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
