package org.lean3assist.model.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.Completion;
import org.lean3assist.model.generate.FinishReason;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.prompt.PromptTask;

/**
 * Samples solutions to a word problem in the mode of a profile's model ({@link SolveMode}) and parses them. Programs
 * go to the caller's {@link Interpreter}; for a tool-integrated model, what a program printed goes back to the model
 * as its {@code ```output} block, for up to {@link Options#rounds()} programs per solution. Nothing here is checked:
 * that is Lean's part, done by the caller.
 */
public final class Solver {

    /** The most a program's output fed back to the model may hold; the rest is cut, and the cut is marked. */
    public static final int MAX_FED_BACK_CHARS = 2_000;

    /** Text a prompt continues with; {@code n} candidates, each without the stop string that ended it. */
    @FunctionalInterface
    public interface Generator {
        List<Completion> complete(String prompt, int n, CancelCheck cancel);
    }

    /**
     * @param samples how many solutions to sample (the vote's size), at least 1
     * @param rounds  how many programs a tool-integrated solution may have run, at least 1
     */
    public record Options(int samples, int rounds) {

        public static final int MAX_SAMPLES = 64;
        public static final int MAX_ROUNDS = 8;

        public Options {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("samples must be 1 to " + MAX_SAMPLES + ", not " + samples);
            }
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new IllegalArgumentException("rounds must be 1 to " + MAX_ROUNDS + ", not " + rounds);
            }
        }
    }

    private final PromptProfile profile;
    private final Generator generator;

    public Solver(PromptProfile profile, Generator generator) {
        if (!profile.supports(PromptTask.SOLVE)) {
            throw new IllegalArgumentException("the prompt profile " + profile.name() + " has no solve prompt");
        }
        this.profile = profile;
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public SolveMode mode() {
        return SolveMode.of(profile);
    }

    /** Up to {@code options.samples()} solutions, in the order sampled; fewer when cancelled. */
    public List<WrittenSolution> solve(String question, Options options, Interpreter interpreter, CancelCheck cancel) {
        String prompt = profile.prompt(PromptTask.SOLVE, question.strip());
        List<Completion> first = generator.complete(prompt, options.samples(), cancel).stream()
                .filter(completion -> completion.finishReason() != FinishReason.CANCELLED).toList();
        List<WrittenSolution> solutions = new ArrayList<>();
        for (Completion completion : first) {
            if (cancel.isCancelled()) {
                break;
            }
            solutions.add(switch (mode()) {
                case PROGRAM -> program(completion, interpreter);
                case TOOL_INTEGRATED -> toolIntegrated(prompt, completion, options.rounds(), interpreter, cancel);
                case LEAN -> lean(completion);
                default -> chainOfThought(completion.text(), completion.logProb(), List.of());
            });
        }
        return solutions;
    }

    private static WrittenSolution chainOfThought(String text, double logProb, List<ProgramStep> programs) {
        Optional<String> answer = SolutionParsers.finalAnswer(text);
        return new WrittenSolution(text, logProb, programs, answer, SolutionParsers.claims(text), Optional.empty(),
                answer.isPresent() ? Optional.empty() : Optional.of(noAnswer(text, "states no final answer "
                        + "(no \\boxed{…}, no \"The answer is\")")));
    }

    private static WrittenSolution program(Completion completion, Interpreter interpreter) {
        Optional<String> program = WrittenParts.program(completion.text());
        if (program.isEmpty()) {
            return new WrittenSolution(completion.text(), completion.logProb(), List.of(), Optional.empty(), List.of(),
                    Optional.empty(), Optional.of(noAnswer(completion.text(), "wrote no program")));
        }
        Interpreter.Output output = interpreter.run(program.get());
        ProgramStep step = new ProgramStep(program.get(), output);
        Optional<String> answer = output.ran() && output.ok() ? WrittenParts.programAnswer(output.output()) : Optional.empty();
        Optional<String> problem = answer.isPresent() ? Optional.empty() : Optional.of(!output.ran()
                ? "its program was not run: " + output.output()
                : output.ok() ? "its program printed nothing" : "its program failed: " + lastLine(output.output()));
        return new WrittenSolution(completion.text(), completion.logProb(), List.of(step), answer,
                programClaims(List.of(step), List.of()), Optional.empty(), problem);
    }

    private WrittenSolution toolIntegrated(String prompt, Completion first, int rounds, Interpreter interpreter,
                                           CancelCheck cancel) {
        StringBuilder written = new StringBuilder(first.text());
        List<ProgramStep> programs = new ArrayList<>();
        Completion last = first;
        Optional<String> notRun = Optional.empty();
        while (programs.size() < rounds && !cancel.isCancelled() && waitsForOutput(last)) {
            Optional<String> program = WrittenParts.pendingProgram(written.toString());
            if (program.isEmpty()) {
                break;
            }
            Interpreter.Output output = interpreter.run(program.get());
            programs.add(new ProgramStep(program.get(), output));
            if (!output.ran()) {
                notRun = Optional.of(output.output());
                break;
            }
            written.append("```output\n").append(fedBack(output.output())).append("\n```\n");
            List<Completion> next = generator.complete(prompt + written, 1, cancel);
            if (next.isEmpty() || next.get(0).finishReason() == FinishReason.CANCELLED) {
                break;
            }
            last = next.get(0);
            written.append(last.text());
        }
        WrittenSolution prose = chainOfThought(written.toString(), first.logProb(), programs);
        Optional<String> problem = prose.problem();
        if (prose.answer().isEmpty() && notRun.isPresent()) {
            problem = Optional.of("its program was not run, so it has no answer: " + notRun.get());
        } else if (prose.answer().isEmpty() && programs.size() >= rounds && waitsForOutput(last)) {
            problem = Optional.of("it still wanted a program run after " + rounds + " rounds");
        }
        return new WrittenSolution(prose.text(), prose.logProb(), programs, prose.answer(),
                programClaims(programs, prose.claims()), Optional.empty(), problem);
    }

    private static WrittenSolution lean(Completion completion) {
        Optional<LeanSolution> lean = WrittenParts.leanSolution(completion.text());
        Optional<String> answer = SolutionParsers.finalAnswer(completion.text()).or(() -> lean.flatMap(LeanSolution::stated));
        Optional<String> problem = answer.isPresent() ? Optional.empty()
                : Optional.of(noAnswer(completion.text(), lean.isPresent()
                        ? "states no answer: its theorem does not end in '= <number>' and it writes no final answer"
                        : "wrote no Lean 3 theorem with a proof, and no final answer"));
        return new WrittenSolution(completion.text(), completion.logProb(), List.of(), answer,
                SolutionParsers.claims(completion.text()), lean, problem);
    }

    /** A solution's prose claims, then the claim of each program that printed one arithmetic value, at most MAX_CLAIMS. */
    private static List<ArithmeticClaim> programClaims(List<ProgramStep> programs, List<ArithmeticClaim> prose) {
        List<ArithmeticClaim> claims = new ArrayList<>(prose);
        for (ProgramStep step : programs) {
            if (step.output().ran() && step.output().ok() && claims.size() < SolutionParsers.MAX_CLAIMS) {
                WrittenParts.programClaim(step.program(), step.output().output()).ifPresent(claims::add);
            }
        }
        return claims;
    }

    /** Whether a generation stopped where a program's output should follow: at a stop, right after a python block. */
    private static boolean waitsForOutput(Completion completion) {
        return (completion.finishReason() == FinishReason.STOP_STRING || completion.finishReason() == FinishReason.STOP_TOKEN)
                && WrittenParts.pendingProgram(completion.text()).isPresent();
    }

    static String fedBack(String output) {
        String stripped = output.strip();
        return stripped.length() <= MAX_FED_BACK_CHARS ? stripped
                : stripped.substring(0, MAX_FED_BACK_CHARS) + "\n… (output cut at " + MAX_FED_BACK_CHARS + " characters)";
    }

    private static String noAnswer(String text, String why) {
        return text.isBlank() ? "the model wrote nothing" : "the solution " + why;
    }

    private static String lastLine(String text) {
        return WrittenParts.programAnswer(text).orElse("no output");
    }
}
