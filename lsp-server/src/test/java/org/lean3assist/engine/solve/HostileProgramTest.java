package org.lean3assist.engine.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.sandbox.PythonRunner;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;
import org.lean3assist.model.Completion;
import org.lean3assist.model.generate.FinishReason;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.Solver;

/**
 * A hostile program-of-thought answer, through the solve loop as the engine runs it (the real sandbox): it tries to
 * write the user's files and to phone home, and leaves no trace; its answer is what it printed, checked by nothing.
 */
class HostileProgramTest {

    @TempDir
    Path project;

    @Test
    void aHostilePotAnswerLeavesNoTrace() throws Exception {
        PythonRunner runner;
        try {
            runner = PythonRunner.onThisMachine(Sandbox.forMode(SandboxMode.REQUIRED), PythonRunner.Limits.DEFAULT);
        } catch (Exception unavailable) {
            System.err.println("[solve] SKIPPING the hostile-program test: " + unavailable.getMessage());
            Assumptions.abort(unavailable.getMessage());
            return;
        }
        Assumptions.assumeTrue(runner.unavailable().isEmpty(), () -> runner.unavailable().get());
        Path target = project.resolve("owned-" + UUID.randomUUID());
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1000);
            String answer = String.join("\n",
                    "import os, socket",
                    "try:",
                    "    open('" + target + "', 'w').write('owned')",
                    "except OSError as e:",
                    "    print('write refused')",
                    "try:",
                    "    socket.create_connection(('127.0.0.1', " + listener.getLocalPort() + "), timeout=2).sendall(b'secrets')",
                    "except OSError as e:",
                    "    print('no network')",
                    "print(42)");
            Solver.Generator hostile = (prompt, n, cancel) -> List.of(new Completion(answer, -1, 50, FinishReason.STOP_TOKEN));
            var written = new Solver(PromptProfile.MAMMOTH_POT, hostile).solve("What is 6 * 7?", new Solver.Options(1, 1),
                    Engine.interpreter(runner), () -> false);

            var step = written.get(0).programs().get(0);
            assertTrue(step.output().ran() && step.output().ok(), step.output().output());
            assertEquals("write refused\nno network\n42\n", step.output().output());
            assertFalse(Files.exists(target), "the user's project is not even visible to it");
            assertThrows(SocketTimeoutException.class, listener::accept);
            assertEquals(Optional.of("42"), written.get(0).answer());
            var result = Solving.check("What is 6 * 7?", SolveMode.PROGRAM, written, new ScriptedSolveChecker(), runner.describe(),
                    Cancellation.NEVER);
            assertEquals(AnswerStatus.UNCHECKED, result.status(), "a program's answer is computed, not checked by Lean");
        }
    }
}
