package org.lean3assist.bridge.verify;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.LeanScanner;
import org.lean3assist.bridge.text.LeanToken;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.text.TacticBlock;
import org.lean3assist.bridge.text.TacticBlocks;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * One Lean that holds the tactic states at one site as values and runs tactics on any of them: a
 * proof search's fast path. The user's file is elaborated once, up to the site, where a tactic the
 * product writes ({@code tactic-session.lean}, placed after the imports) takes over the proof: it
 * reads one request per line (a state, a tactic, its limits), runs the tactic on that state, and
 * answers with the new state's number and goals, or Lean's error. A step costs what the tactic
 * costs, with no re-elaboration of the file or the prefix of the proof.
 *
 * <p>What a session says is a lead, not a verdict: a state with no goals here is checked again,
 * as the whole text to insert, by a replay on a checker ({@link Verifier}), which alone may say
 * "closes the goal". Every tactic still passes the same screens before it runs: the safety filter
 * here, in Java; then, in the session's Lean, the question whether a name it uses is meta code
 * (asked of the environment at the site, by the verifier's rule); and the session runs in the
 * checkers' sandbox with their memory limit. Each step has a wall-clock limit and a deterministic
 * one ({@code try_for_time}, {@code try_for}) inside Lean, and a watchdog here that kills the
 * session when no answer comes; a step that uses {@code sorry} is refused by the session.
 *
 * <p>The session's file imports {@code system.io} (its own code reads and writes the pipes), so
 * in a core-only file a step can name IO that a checker's replay could not: the filter refuses
 * such text, the session refuses its meta names, and the sandbox holds whatever is left.
 *
 * <p>Requests are written in ASCII (every other character escaped): the session reads its input
 * as bytes, and Lean's JSON reader turns the escapes back into the characters.
 */
public final class TacticSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TacticSession.class.getName());

    /** The product's tactic that runs the session in place of the proof. */
    static final String SESSION_TACTIC = "lean3assist_session.run";

    private static final String MARKER_PLACEHOLDER = "MARKER";
    private static final String CODE = loadCode();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final int RECENT_LINES = 40;
    private static final JsonNode ENDED = JSON.createObjectNode().put("ended", true);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a step did. */
    public enum Outcome {
        /** The tactic ran and left no goals (a lead, to be confirmed by a replay of the whole text). */
        NO_GOALS,
        /** The tactic ran; goals remain. */
        GOALS,
        /** Lean reported an error. */
        FAILED,
        /** A limit was hit: the step's time or deterministic limit in Lean, or the watchdog here. */
        TIMEOUT,
        /** The safety filter refused the tactic, or the session found it names meta code; it never ran. */
        REFUSED
    }

    /**
     * @param outcome     what happened
     * @param state       the new state's number, for {@code NO_GOALS} and {@code GOALS}
     * @param goals       the goals the tactic left, for {@code GOALS}
     * @param explanation Lean's error, the filter's reason, or the limit hit
     * @param elapsed     wall-clock time of the step
     */
    public record Step(Outcome outcome, OptionalInt state, Optional<GoalState> goals, Optional<String> explanation,
                       Duration elapsed) {
    }

    /**
     * @param perStep    the wall-clock limit of one step inside Lean ({@code try_for_time})
     * @param heartbeats the deterministic limit of one step, in Lean's {@code -T} unit ({@code try_for})
     * @param start      how long the session may take to reach the site (imports and the file before it)
     */
    public record Limits(Duration perStep, int heartbeats, Duration start) {
        public Limits {
            if (perStep.isNegative() || perStep.isZero() || heartbeats <= 0 || start.isNegative() || start.isZero()) {
                throw new IllegalArgumentException("a session's limits are positive: " + perStep + ", " + heartbeats
                        + ", " + start);
            }
        }
    }

    /** What the watchdog allows beyond a step's own limit before it kills the session. */
    static Duration watchdog(Duration perStep) {
        Duration half = perStep.dividedBy(2);
        return perStep.plus(half.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : half);
    }

    private final Transport transport;
    private final String marker;
    private final Limits limits;
    private final Verifier.Screen screen;
    /** Whether Lean is asked which of a step's names are meta code; off only in tests of the sandbox alone. */
    private final boolean askNames;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final GoalState initial;
    private volatile boolean ended;
    private volatile String endedWhy = "";

    private TacticSession(CheckerPool.SessionLauncher launcher, String content, String marker, Limits limits,
                          Verifier.Screen screen, boolean askNames) throws IOException {
        this.marker = marker;
        this.limits = limits;
        this.screen = screen;
        this.askNames = askNames;
        this.transport = launcher.start(content, new TransportListener() {
            @Override
            public void onLine(String line) {
                read(line);
            }

            @Override
            public void onStderr(String line) {
                remember(line);
            }

            @Override
            public void onExit(ExitStatus status) {
                remember("Lean exited: " + status.describe());
                answers.add(ENDED);
            }
        });
        GoalState first;
        try {
            first = awaitStart();
        } catch (IOException | RuntimeException failed) {
            transport.kill();
            throw failed;
        }
        this.initial = first;
    }

    /**
     * Starts a session at {@code cursor} of {@code source} with {@code launcher}, every step
     * screened by the {@link SafetyFilter}; {@link Verifier#openSession} is the product's way in.
     *
     * @throws IOException              when Lean cannot be started, ends or says nothing within the start limit
     * @throws IllegalArgumentException when the position does not start a top-level tactic of a closed
     *                                  {@code begin … end} block, or the file cannot have a session
     */
    public static TacticSession open(CheckerPool.SessionLauncher launcher, String source, LeanPosition cursor,
                                     Limits limits) throws IOException {
        return open(launcher, source, cursor, limits, SafetyFilter::check);
    }

    /** The same with {@code screen} in place of the safety filter ({@link Verifier#openSession} gives its own). */
    static TacticSession open(CheckerPool.SessionLauncher launcher, String source, LeanPosition cursor, Limits limits,
                              Verifier.Screen screen) throws IOException {
        TacticBlock block = TacticBlocks.enclosing(source, cursor).orElseThrow(() -> new IllegalArgumentException(
                "position " + cursor + " is not inside a begin … end block that is closed"));
        Optional<String> problem = TacticBlocks.replayPositionProblem(source, block, cursor);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return start(launcher, source, cursor, block, limits, screen);
    }

    /**
     * Starts a session at {@code cursor} of {@code source}, a position that starts a top-level
     * tactic of {@code block} (as the verifier requires of a replay), and waits until it is there.
     *
     * @throws IOException              when Lean cannot be started, ends or says nothing within the start limit
     * @throws IllegalArgumentException when the file cannot have a session: it starts with {@code prelude},
     *                                  or imports a module by a relative name (the session's file lives elsewhere)
     */
    static TacticSession start(CheckerPool.SessionLauncher launcher, String source, LeanPosition cursor,
                               TacticBlock block, Limits limits, Verifier.Screen screen) throws IOException {
        return start(launcher, source, cursor, block, limits, screen, true);
    }

    /** The same; with {@code askNames} false no step's names are asked about, for tests of the sandbox alone. */
    static TacticSession start(CheckerPool.SessionLauncher launcher, String source, LeanPosition cursor,
                               TacticBlock block, Limits limits, Verifier.Screen screen, boolean askNames)
            throws IOException {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        String marker = "lean3assist_session_" + HexFormat.of().formatHex(nonce);
        return new TacticSession(launcher, content(source, cursor, block, marker), marker, limits, screen, askNames);
    }

    /**
     * The session's file: the source's imports written anew and {@code system.io}, the session's
     * code, then the source from its first command up to the cursor, where the session's tactic
     * stands in for the rest of the proof ({@link VariantBuilder}'s replay of that tactic).
     */
    static String content(String source, LeanPosition cursor, TacticBlock block, String marker) {
        ImportHeader.Scanned scanned = ImportHeader.scan(source);
        if (scanned.header().prelude()) {
            throw new IllegalArgumentException("a file that starts with prelude has no core library to run a session in");
        }
        if (scanned.header().modules().stream().anyMatch(module -> module.startsWith("."))) {
            throw new IllegalArgumentException("a file that imports a module by a relative name cannot have a session"
                    + " (its file lives in a scratch directory)");
        }
        if (!marker.matches("lean3assist_session_[0-9a-f]{16}")) {
            throw new IllegalArgumentException("not a session marker: " + marker);
        }
        Variant variant = VariantBuilder.build(stubEarlierProofs(source, block.declarationLine()), cursor, block,
                SESSION_TACTIC);
        ImportHeader.Scanned inVariant = ImportHeader.scan(variant.content());
        return inVariant.header().text() + "import system.io\n" + CODE.replace(MARKER_PLACEHOLDER, marker) + "\n"
                + variant.content().substring(inVariant.end());
    }

    /**
     * {@code source} with the tactic proof of every theorem, lemma and example that ends before
     * line {@code declarationLine} replaced by {@code sorry}, each line kept where it was. A
     * session elaborates the file up to its site once per start; a later statement needs the earlier
     * statements, not their proofs, so the session gets there in the time of the statements. Only
     * leads come from a session, and the confirming replay elaborates the file as it is. Definitions
     * and instances keep their bodies: later proofs may unfold them.
     */
    static String stubEarlierProofs(String source, int declarationLine) {
        List<LeanToken> tokens = LeanScanner.scan(source);
        PositionConverter converter = new PositionConverter(source);
        int limit = converter.offsetOf(new LeanPosition(declarationLine, 0));
        StringBuilder stubbed = new StringBuilder();
        int copied = 0;
        Deque<Integer> openers = new ArrayDeque<>();
        String command = "";
        for (int index = 0; index < tokens.size(); index++) {
            LeanToken token = tokens.get(index);
            if (token.kind() != LeanToken.Kind.IDENTIFIER) {
                continue;
            }
            if (isOutermostProof(openers, tokens) && TacticBlocks.DECLARATION_COMMANDS.contains(token.text())) {
                command = token.text();
            }
            if (TacticBlocks.OPENERS_CLOSED_BY_END.contains(token.text())) {
                openers.push(index);
            } else if (token.text().equals("end") && !openers.isEmpty()) {
                LeanToken opener = tokens.get(openers.pop());
                boolean proof = opener.text().equals("begin") && PROOF_COMMANDS.contains(command);
                if (proof && isOutermostProof(openers, tokens) && token.end() <= limit) {
                    String inside = source.substring(opener.end(), token.start());
                    stubbed.append(source, copied, opener.end()).append(" sorry")
                            .append("\n".repeat((int) inside.chars().filter(character -> character == '\n').count()))
                            .append(inside.endsWith("\n") || inside.isEmpty() ? "" : " ");
                    copied = token.start();
                }
            }
        }
        return stubbed.append(source.substring(copied)).toString();
    }

    /** Whether no {@code begin} is open around a block just closed (a proof's outermost block). */
    private static boolean isOutermostProof(Deque<Integer> openers, List<LeanToken> tokens) {
        return openers.stream().noneMatch(open -> tokens.get(open).text().equals("begin"));
    }

    private static final java.util.Set<String> PROOF_COMMANDS = java.util.Set.of("theorem", "lemma", "example");

    /** The goals at the site: state 0. */
    public GoalState initial() {
        return initial;
    }

    /** Whether the session's Lean still runs and answers. */
    public boolean alive() {
        return !ended;
    }

    /**
     * Runs {@code tactic} on state {@code state} (0 is the site's).
     *
     * @throws IllegalStateException when the session has ended (its Lean died, or the watchdog killed it
     *                               at an earlier step); the step that ended it returned {@code TIMEOUT}
     */
    public synchronized Step step(int state, String tactic) {
        long started = System.nanoTime();
        if (ended) {
            throw new IllegalStateException("the tactic session has ended: " + endedWhy);
        }
        SafetyVerdict safety = screen.check(tactic);
        if (!safety.accepted()) {
            return new Step(Outcome.REFUSED, OptionalInt.empty(), Optional.empty(), safety.rejection(), Duration.ZERO);
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("state", state);
        request.put("tactic", tactic);
        request.put("ms", limits.perStep().toMillis());
        request.put("heartbeats", limits.heartbeats());
        ArrayNode names = request.putArray("names");
        for (String name : askNames ? MetaNames.namesIn(tactic) : java.util.Set.<String>of()) {
            ArrayNode parts = names.addArray();
            for (String part : name.split("\\.")) {
                parts.add(part);
            }
        }
        answers.clear();
        try {
            transport.send(JSON.writeValueAsString(request));
        } catch (IOException gone) {
            end("its Lean is gone: " + gone.getMessage());
            throw new IllegalStateException("the tactic session has ended: " + endedWhy);
        }
        Duration allowed = watchdog(limits.perStep());
        JsonNode answer;
        try {
            answer = answers.poll(allowed.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            end("interrupted while waiting for a step");
            throw new IllegalStateException("interrupted");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (answer == null) {
            end("no answer to '" + tactic + "' within " + allowed.toMillis() + " ms");
            return new Step(Outcome.TIMEOUT, OptionalInt.empty(), Optional.empty(),
                    Optional.of("no answer from Lean within " + allowed.toMillis() + " ms"), elapsed);
        }
        if (answer == ENDED) {
            end("its Lean ended while running '" + tactic + "'" + recentOutput());
            throw new IllegalStateException("the tactic session has ended: " + endedWhy);
        }
        return judged(answer, elapsed);
    }

    private Step judged(JsonNode answer, Duration elapsed) {
        if (answer.has("meta")) {
            List<String> meta = new java.util.ArrayList<>();
            answer.get("meta").forEach(name -> meta.add(name.asText()));
            return new Step(Outcome.REFUSED, OptionalInt.empty(), Optional.empty(), Optional.of("Lean says '"
                    + String.join("', '", meta) + "' " + (meta.size() == 1 ? "is" : "are") + " meta code here (a"
                    + " definition that runs at elaboration time), which a proof step may not name"), elapsed);
        }
        if (answer.has("error")) {
            String error = answer.get("error").asText();
            boolean limit = error.startsWith("try_for_time tactic failed, timeout")
                    || error.startsWith("try_for tactic failed, timeout");
            return new Step(limit ? Outcome.TIMEOUT : Outcome.FAILED, OptionalInt.empty(), Optional.empty(),
                    Optional.of(limit ? "the step exceeded its limit (" + limits.perStep().toMillis() + " ms or "
                            + limits.heartbeats() + " heartbeats)" : error), elapsed);
        }
        OptionalInt state = answer.path("state").isInt() ? OptionalInt.of(answer.get("state").asInt()) : OptionalInt.empty();
        if (state.isEmpty() || !answer.path("goals").isInt() || !answer.path("pp").isTextual()) {
            return new Step(Outcome.FAILED, OptionalInt.empty(), Optional.empty(),
                    Optional.of("an answer the session does not give: " + answer), elapsed);
        }
        if (answer.get("goals").asInt() == 0) {
            return new Step(Outcome.NO_GOALS, state, Optional.of(GoalState.NO_GOALS), Optional.empty(), elapsed);
        }
        try {
            return new Step(Outcome.GOALS, state, Optional.of(GoalParser.parse(answer.get("pp").asText())),
                    Optional.empty(), elapsed);
        } catch (IllegalArgumentException unreadable) {
            return new Step(Outcome.FAILED, OptionalInt.empty(), Optional.empty(),
                    Optional.of("goals that do not read as a tactic state: " + unreadable.getMessage()), elapsed);
        }
    }

    private GoalState awaitStart() throws IOException {
        long deadline = System.nanoTime() + limits.start().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode answer;
            try {
                answer = left <= 0 ? null : answers.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the tactic session started");
            }
            if (answer == null) {
                end("it did not reach the site within " + limits.start().toMillis() + " ms");
                throw new IOException("the tactic session did not reach the site within " + limits.start().toMillis()
                        + " ms" + recentOutput());
            }
            if (answer == ENDED) {
                end("its Lean ended before the site");
                throw new IOException("the tactic session's Lean ended before it reached the site" + recentOutput());
            }
            if (answer.path("state").isInt() && answer.get("state").asInt() == 0 && answer.path("pp").isTextual()) {
                String pp = answer.get("pp").asText();
                try {
                    return answer.path("goals").asInt() == 0 ? GoalState.NO_GOALS : GoalParser.parse(pp);
                } catch (IllegalArgumentException unreadable) {
                    throw new IOException("the goals at the site do not read as a tactic state: " + pp);
                }
            }
        }
    }

    private void read(String line) {
        if (line.startsWith(marker + " ")) {
            try {
                answers.add(JSON.readTree(line.substring(marker.length() + 1)));
            } catch (IOException unreadable) {
                remember("an answer that is not JSON: " + line);
            }
        } else {
            remember(line);
        }
    }

    private void remember(String line) {
        synchronized (recent) {
            recent.addLast(line);
            while (recent.size() > RECENT_LINES) {
                recent.removeFirst();
            }
        }
    }

    private String recentOutput() {
        synchronized (recent) {
            return recent.isEmpty() ? "" : "; Lean's last output:\n" + String.join("\n", recent);
        }
    }

    private void end(String why) {
        if (!ended) {
            endedWhy = why;
            ended = true;
            LOG.info(() -> "tactic session ended: " + why);
        }
        transport.kill();
    }

    /** Stops the session's Lean. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            endedWhy = "it was closed";
        }
        transport.kill();
    }

    private static String loadCode() {
        try (InputStream in = TacticSession.class.getResourceAsStream("tactic-session.lean")) {
            if (in == null) {
                throw new IllegalStateException("tactic-session.lean is missing from the lean-bridge jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
