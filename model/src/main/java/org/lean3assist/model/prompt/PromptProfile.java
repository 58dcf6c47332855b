package org.lean3assist.model.prompt;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one model family wants to be prompted: an outer template with a {@code {prompt}} slot, one instruction per
 * task with an {@code {input}} slot, and the strings that end its answer.
 *
 * @param name        the setting value that selects this profile, e.g. {@code internlm2-math}
 * @param template    the outer format, e.g. the chat format of InternLM2
 * @param tasks       the instruction per supported task
 * @param stopStrings where an answer ends (special tokens among them are also used as stop ids)
 */
public record PromptProfile(String name, String template, Map<PromptTask, String> tasks, List<String> stopStrings) {

    private static final String INTERNLM2_TACTIC = "Given the Lean 3 tactic state, suggest a next tactic:\n{input}";
    // "langauge" is the model card's spelling, which the model was trained on.
    private static final String INTERNLM2_FORMALIZE =
            "Convert this natural langauge statement into a Lean 3 theorem statement:{input}";
    private static final String INTERNLM2_INFORMALIZE =
            "Convert this Lean 3 theorem statement into natural language:{input}";

    /** InternLM2-Math (7B, 20B): ChatML, with the Lean 3 tasks of its model card. */
    public static final PromptProfile INTERNLM2_MATH = new PromptProfile("internlm2-math",
            "<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n",
            Map.of(PromptTask.NEXT_TACTIC, INTERNLM2_TACTIC,
                    PromptTask.FORMALIZE, INTERNLM2_FORMALIZE,
                    PromptTask.INFORMALIZE, INTERNLM2_INFORMALIZE,
                    PromptTask.SOLVE, "{input}\nSolve this via Lean 3",
                    PromptTask.OUTCOME_REWARD, "Given a question and an answer, check is it correct?\n{input}"),
            List.of("<|im_end|>"));

    private static final String ALPACA = "Below is an instruction that describes a task. Write a response that "
            + "appropriately completes the request.\n\n### Instruction:\n{prompt}\n\n### Response:";

    /** MAmmoTH, chain-of-thought: the Alpaca format of its model card. Lean tasks reuse InternLM2's wording. */
    public static final PromptProfile MAMMOTH = new PromptProfile("mammoth", ALPACA,
            Map.of(PromptTask.NEXT_TACTIC, INTERNLM2_TACTIC,
                    PromptTask.FORMALIZE, INTERNLM2_FORMALIZE,
                    PromptTask.INFORMALIZE, INTERNLM2_INFORMALIZE,
                    PromptTask.SOLVE, "{input}"),
            List.of("\n\n### Instruction", "</s>"));

    /** MAmmoTH, program-of-thought: the instruction gets " Let's write a program." appended. */
    public static final PromptProfile MAMMOTH_POT = new PromptProfile("mammoth-pot", ALPACA,
            Map.of(PromptTask.SOLVE, "{input} Let's write a program."),
            List.of("\n\n### Instruction", "</s>"));

    /** Arithmo2-Mistral: "Question: ...\nAnswer:" from its model card. */
    public static final PromptProfile ARITHMO2_MISTRAL = new PromptProfile("arithmo2-mistral",
            "Question: {prompt}\nAnswer:",
            Map.of(PromptTask.NEXT_TACTIC, INTERNLM2_TACTIC,
                    PromptTask.FORMALIZE, INTERNLM2_FORMALIZE,
                    PromptTask.INFORMALIZE, INTERNLM2_INFORMALIZE,
                    PromptTask.SOLVE, "{input}"),
            List.of("\nQuestion:", "</s>"));

    /**
     * Rho-Math-1B-Interpreter: the tool-integrated (ToRA) format. The model writes a python block and then expects
     * the interpreter's {@code ```output} block; generation stops there, since this module runs no code.
     */
    public static final PromptProfile RHO_MATH_INTERPRETER = new PromptProfile("rho-math-interpreter",
            "<|user|>\n{prompt}\n<|assistant|>\n",
            Map.of(PromptTask.SOLVE, "{input}",
                    PromptTask.NEXT_TACTIC, INTERNLM2_TACTIC,
                    PromptTask.FORMALIZE, INTERNLM2_FORMALIZE,
                    PromptTask.INFORMALIZE, INTERNLM2_INFORMALIZE),
            List.of("```output", "<|user|>", "</s>"));

    /** All profiles, in the order of the settings documentation. */
    public static final List<PromptProfile> ALL = List.of(INTERNLM2_MATH, MAMMOTH, MAMMOTH_POT, ARITHMO2_MISTRAL,
            RHO_MATH_INTERPRETER);

    public PromptProfile {
        Objects.requireNonNull(name, "name");
        if (!template.contains("{prompt}")) {
            throw new IllegalArgumentException("template has no {prompt} slot: " + template);
        }
        tasks = Map.copyOf(new EnumMap<>(tasks));
        stopStrings = List.copyOf(stopStrings);
    }

    /** The profile for a setting value such as {@code internlm2-math} (case-insensitive). */
    public static PromptProfile byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(profile -> profile.name().equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Unknown prompt profile '" + name + "'; known: "
                        + ALL.stream().map(PromptProfile::name).toList()));
    }

    public boolean supports(PromptTask task) {
        return tasks.containsKey(task);
    }

    /** The full prompt for {@code task} with {@code input} in its slot. */
    public String prompt(PromptTask task, String input) {
        String instruction = tasks.get(task);
        if (instruction == null) {
            throw new IllegalArgumentException("Profile " + name + " has no prompt for " + task);
        }
        // The input goes in last, so braces inside a tactic state are never taken for slots.
        int slot = template.indexOf("{prompt}");
        String filled = instruction.replace("{input}", "\u0000");
        String full = template.substring(0, slot) + filled + template.substring(slot + "{prompt}".length());
        return full.replace("\u0000", input);
    }
}
