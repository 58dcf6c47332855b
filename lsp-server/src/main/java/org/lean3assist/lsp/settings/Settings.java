package org.lean3assist.lsp.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every setting. Unknown keys are ignored (a newer client may send more);
 * bad values are reported in {@link #problems()} and replaced by the default.
 */
public final class Settings {

    /** The namespace of every setting and command; neither {@code lean} (Lean 3's extension) nor {@code lean4}. */
    public static final String NAMESPACE = "lean3Assist";

    public static final Setting<String> LEAN_EXECUTABLE = Setting.text("lean.executablePath", "",
            "Path to the Lean 3 executable. Empty: LEAN3_HOME, then `lean` on the PATH, then elan's toolchains.");
    public static final Setting<Integer> LEAN_MEMORY_LIMIT_MB = Setting.integer("lean.memoryLimitMb", 4096, 64,
            "Memory limit of the Lean server in megabytes (lean -M).");
    public static final Setting<Integer> LEAN_TIMEOUT = Setting.integer("lean.timeout", 100000, 1,
            "Deterministic timeout of the Lean server, in Lean's units of work (lean -T).");
    public static final Setting<Integer> LEAN_THREADS = Setting.integer("lean.threads", 0, 0,
            "Threads the Lean server may use (lean -j); 0 lets Lean choose.");
    public static final Setting<Integer> LEAN_CHECK_DELAY_MS = Setting.integer("lean.checkDelayMs", 300, 0,
            "Milliseconds to wait after the last keystroke before Lean re-checks the file.");
    public static final Setting<Integer> LEAN_CHECKERS = Setting.integer("lean.checkers", 2, 1,
            "Checker Lean processes per project, where candidate tactics and formalized statements are replayed apart from the Lean that checks your files (at most 8). Each holds what the file imports: with mathlib, about 600 MB.");
    /** More checkers than this would only compete for the cores and the memory. */
    public static final int MAX_CHECKERS = 8;
    public static final Setting<String> SANDBOX = Setting.choice("sandbox", "auto", List.of("auto", "required", "off"),
            "Where candidate tactics and formalized statements are replayed: auto confines the replaying Lean processes "
                    + "in bubblewrap where it works, else runs them unconfined and says so in the status; required refuses "
                    + "to replay without bubblewrap, saying how to install it; off never confines them.");
    public static final Setting<String> MODEL_PATH = Setting.text("model.path", "",
            "Directory of the ONNX model (model.onnx, tokenizer.json, config). Empty: no model; only the built-in tactic portfolio is suggested.");
    public static final Setting<String> MODEL_DEVICE = Setting.choice("model.device", "cpu", List.of("cpu", "cuda", "auto"),
            "Where the model runs: cpu, cuda (needs the CUDA build and CUDA 12), or auto (CUDA when it starts, else CPU).");
    public static final Setting<String> MODEL_REMOTE_URL = Setting.text("model.remoteUrl", "",
            "Base URL of an OpenAI-compatible completions server (vLLM, TGI, llama.cpp) to use instead of a local model.");
    public static final Setting<String> MODEL_REMOTE_MODEL = Setting.text("model.remoteModel", "internlm2-math",
            "Model name sent to the remote server: vLLM and TGI answer only to the name they serve; llama.cpp ignores it. "
                    + "The API key, if the server needs one, is read from the environment variable LEAN3ASSIST_REMOTE_API_KEY.");
    public static final Setting<String> MODEL_PROFILE = Setting.choice("model.profile", "internlm2-math",
            List.of("internlm2-math", "mammoth", "mammoth-pot", "arithmo2-mistral", "rho-math-interpreter"),
            "Prompt format of the model, local or remote. InternLM2-Math is the model trained on Lean 3; the others reuse its Lean task wording in their own chat format, and solve word problems in the mode of their model cards (`mammoth-pot`, MAmmoTH's program of thought, only solves).");
    public static final Setting<Integer> SUGGESTIONS_COUNT = Setting.integer("suggestions.count", 8, 1,
            "How many verified suggestions to show at most.");
    public static final Setting<Boolean> SUGGESTIONS_ON_HOVER = Setting.flag("suggestions.onHover", true,
            "Compute and show verified tactic suggestions in the hover inside tactic blocks.");
    public static final Setting<String> TRACE_SERVER = Setting.choice("trace.server", "off", List.of("off", "messages", "verbose"),
            "Traces the messages between the editor and the server.");

    /** Every setting, in the order the documentation lists them. */
    public static final List<Setting<?>> ALL = List.of(
            LEAN_EXECUTABLE, LEAN_MEMORY_LIMIT_MB, LEAN_TIMEOUT, LEAN_THREADS, LEAN_CHECK_DELAY_MS, LEAN_CHECKERS, SANDBOX,
            MODEL_PATH, MODEL_DEVICE, MODEL_REMOTE_URL, MODEL_REMOTE_MODEL, MODEL_PROFILE,
            SUGGESTIONS_COUNT, SUGGESTIONS_ON_HOVER, TRACE_SERVER);

    private static final Settings DEFAULTS = new Settings(Map.of(), List.of());

    private final Map<Setting<?>, Object> values;
    private final List<String> problems;

    private Settings(Map<Setting<?>, Object> values, List<String> problems) {
        this.values = Map.copyOf(values);
        this.problems = List.copyOf(problems);
    }

    /** Every setting at its default. */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /**
     * Reads the {@code lean3Assist} section as clients send it: nested objects
     * ({@code {"lean": {"timeout": 5}}}) or dotted keys ({@code {"lean.timeout": 5}}), with or
     * without the namespace around it.
     */
    public static Settings fromJson(JsonElement section) {
        if (section == null || !section.isJsonObject()) {
            return DEFAULTS;
        }
        JsonObject root = section.getAsJsonObject();
        if (root.has(NAMESPACE) && root.get(NAMESPACE).isJsonObject()) {
            root = root.getAsJsonObject(NAMESPACE);
        }
        Map<Setting<?>, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : ALL) {
            setting.parse(lookup(root, setting.key()), problems).ifPresent(value -> values.put(setting, value));
        }
        return new Settings(values, problems);
    }

    /** The value of one setting: the client's if it sent a valid one, else the default. */
    public <T> T get(Setting<T> setting) {
        return setting.javaType().cast(values.getOrDefault(setting, setting.defaultValue()));
    }

    /** Why some of the client's values were refused; empty when all were fine. */
    public List<String> problems() {
        return problems;
    }

    private static JsonElement lookup(JsonObject root, String dottedKey) {
        if (root.has(dottedKey)) {
            return root.get(dottedKey);
        }
        JsonElement current = root;
        for (String part : dottedKey.split("\\.")) {
            if (current == null || !current.isJsonObject()) {
                return null;
            }
            current = current.getAsJsonObject().get(part);
        }
        return current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Settings" + values;
    }
}
