// Every name shared with the Java server, in one place: command ids, custom methods, settings keys.
// The server's side lives in lsp-server (org.lean3assist.lsp); a unit test checks package.json agrees.

/** The settings and commands namespace; neither `lean` (the Lean 3 extension) nor `lean4`. */
export const NAMESPACE = 'lean3Assist';

export const Commands = {
  restartServer: `${NAMESPACE}.restartServer`,
  showOutput: `${NAMESPACE}.showOutput`,
} as const;

export const Settings = {
  javaHome: `${NAMESPACE}.java.home`,
  traceServer: `${NAMESPACE}.trace.server`,
} as const;
