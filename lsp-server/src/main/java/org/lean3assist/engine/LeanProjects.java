package org.lean3assist.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.locate.LeanNotFoundException;
import org.lean3assist.bridge.locate.ProjectRoots;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.Verifier;

/**
 * Every running Lean of a session, one per project root (the nearest {@code leanpkg.toml}, else the
 * file's directory), so that a mathlib project's imports resolve and its files share one process.
 * Each project's editing Lean starts together with its checker pool, where candidates and
 * formalized statements are checked, so that neither ever reaches the editing Lean.
 */
public final class LeanProjects implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanProjects.class.getName());

    private final LeanStarter starter;
    private final Map<Path, LeanProject> byRoot = new ConcurrentHashMap<>();
    /** Each file's project root, found once: every hover asks, and finding it touches the disk. */
    private final Map<Path, Path> rootByFile = new ConcurrentHashMap<>();
    private final List<LeanServerListener> listeners = new CopyOnWriteArrayList<>();
    private volatile LeanBridgeSettings settings;

    public LeanProjects(LeanStarter starter, LeanBridgeSettings settings) {
        this.starter = starter;
        this.settings = settings;
    }

    /** Listeners added here are attached to every Lean started from now on, and to the running ones. */
    public void addListener(LeanServerListener listener) {
        listeners.add(listener);
        byRoot.values().forEach(project -> project.server().addListener(listener));
    }

    /**
     * The project of {@code file}, starting its Lean on first use.
     *
     * @throws LeanNotFoundException when no Lean 3 can be found; the message lists what was tried
     */
    public LeanProject forFile(Path file) throws LeanNotFoundException {
        Path root = rootByFile.computeIfAbsent(file.toAbsolutePath(), ProjectRoots::rootOf);
        LeanProject existing = byRoot.get(root);
        if (existing != null) {
            return existing;
        }
        try {
            return byRoot.computeIfAbsent(root, this::startUnchecked);
        } catch (NotFound wrapped) {
            throw wrapped.cause;
        }
    }

    /** The projects running now. */
    public List<LeanProject> running() {
        return new ArrayList<>(byRoot.values());
    }

    /**
     * New settings apply to Lean processes started from now on; running ones are restarted by
     * {@link #restartAll()} when the caller decides the change needs it.
     */
    public void updateSettings(LeanBridgeSettings next) {
        this.settings = next;
    }

    public LeanBridgeSettings settings() {
        return settings;
    }

    /** Stops every Lean; the next request for a file starts a fresh one with the current settings. */
    public void restartAll() {
        List<LeanProject> stopping = new ArrayList<>(byRoot.values());
        byRoot.clear();
        // A leanpkg.toml may have appeared or gone since; look again.
        rootByFile.clear();
        stopping.forEach(LeanProject::close);
        LOG.info(() -> "stopped " + stopping.size() + " Lean process(es); they start again on demand");
    }

    @Override
    public void close() {
        byRoot.values().forEach(LeanProject::close);
        byRoot.clear();
    }

    private LeanProject startUnchecked(Path root) {
        try {
            LeanBridgeSettings current = settings;
            var server = starter.start(root, current);
            CheckerPool checkers;
            try {
                checkers = starter.checkers(root, current);
            } catch (IOException | LeanNotFoundException | RuntimeException failed) {
                server.close();
                throw failed;
            }
            listeners.forEach(server::addListener);
            LOG.info(() -> "started Lean for " + root + "; replays " + checkers.confinement().description());
            return new LeanProject(root, server, checkers, new Verifier(server, checkers));
        } catch (LeanNotFoundException e) {
            throw new NotFound(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Lean in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Carries the checked exception out of {@code computeIfAbsent}. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient LeanNotFoundException cause;

        NotFound(LeanNotFoundException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
