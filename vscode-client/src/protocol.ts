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
  leanExecutablePath: `${NAMESPACE}.lean.executablePath`,
  leanMemoryLimitMb: `${NAMESPACE}.lean.memoryLimitMb`,
  leanTimeout: `${NAMESPACE}.lean.timeout`,
  leanThreads: `${NAMESPACE}.lean.threads`,
  leanCheckDelayMs: `${NAMESPACE}.lean.checkDelayMs`,
  modelPath: `${NAMESPACE}.model.path`,
  modelDevice: `${NAMESPACE}.model.device`,
  modelRemoteUrl: `${NAMESPACE}.model.remoteUrl`,
  suggestionsCount: `${NAMESPACE}.suggestions.count`,
  suggestionsOnHover: `${NAMESPACE}.suggestions.onHover`,
  traceServer: `${NAMESPACE}.trace.server`,
} as const;
