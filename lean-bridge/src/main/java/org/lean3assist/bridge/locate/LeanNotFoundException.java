package org.lean3assist.bridge.locate;

import java.util.List;

/**
 * No usable Lean 3 was found. The message lists every place tried, why each failed, and how to
 * install Lean 3.
 */
public final class LeanNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The command that installs the Lean 3 this project is tested with. */
    public static final String INSTALL_HINT =
            "Install Lean 3 with elan (https://github.com/leanprover/elan): "
                    + "elan toolchain install leanprover-community/lean:3.51.1, "
                    + "or point the lean3Assist.lean.executablePath setting (--lean on the command line) or LEAN3_HOME at an existing Lean 3.";

    private final transient List<String> attempts;

    public LeanNotFoundException(List<String> attempts) {
        super("No Lean 3 found. Tried:\n  - " + String.join("\n  - ", attempts) + "\n" + INSTALL_HINT);
        this.attempts = List.copyOf(attempts);
    }

    /** One line per place tried, with the reason it was not used. */
    public List<String> attempts() {
        return attempts;
    }
}
