// Every name shared with the Java server, in one place (lsp-server's ProtocolMirrorTest compares the
// lists below with the server's own): command ids, custom methods, their parameter
// and result shapes, and settings keys. The server's side lives in lsp-server (org.lean3assist.lsp).
// This module imports nothing from VS Code, so unit tests can load it.

/** The settings and commands namespace; neither `lean` (the Lean 3 extension) nor `lean4`. */
export const NAMESPACE = 'lean3Assist';

/** The category every contributed command carries in the command palette. */
export const COMMAND_CATEGORY = 'Lean 3 Assist';

/**
 * The client's own UI commands, contributed in package.json. They are distinct from the server's
 * commands below, because vscode-languageclient registers every command the server advertises, and
 * VS Code refuses to register one id twice.
 */
export const Commands = {
  suggestTactic: `${NAMESPACE}.suggestTactic`,
  convertSelection: `${NAMESPACE}.convertSelection`,
  explainStatement: `${NAMESPACE}.explainStatement`,
  proveWithSearch: `${NAMESPACE}.proveWithSearch`,
  solveSelection: `${NAMESPACE}.solveSelection`,
  showPanel: `${NAMESPACE}.showPanel`,
  restartLean: `${NAMESPACE}.restartLean`,
  showOutput: `${NAMESPACE}.showOutput`,
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands the server advertises in `executeCommandProvider` and runs on `workspace/executeCommand`. */
export const ServerCommands = {
  suggestTactics: `${NAMESPACE}.server.suggestTactics`,
  formalize: `${NAMESPACE}.server.formalize`,
  informalize: `${NAMESPACE}.server.informalize`,
  restartLean: `${NAMESPACE}.server.restartLean`,
  prove: `${NAMESPACE}.server.prove`,
  solve: `${NAMESPACE}.server.solve`,
} as const;

/** An LSP position: 0-based line, UTF-16 character offset. */
export interface Position {
  line: number;
  character: number;
}

// The server writes JSON with Gson, which leaves out null fields: every `T | null` field below may
// also arrive absent, so the client treats undefined like null.

// ---- lean3Assist.server.suggestTactics ----

/** How Lean judged a candidate tactic; only `closes_goal` and `progress` are verified. */
export const TACTIC_STATUSES = ['closes_goal', 'progress', 'invalid', 'uses_sorry', 'timeout', 'rejected'] as const;
export type TacticStatus = (typeof TACTIC_STATUSES)[number];

/** Where a suggested tactic came from. */
export const SUGGESTION_SOURCES = ['model', 'portfolio', 'given'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export const VERIFIED_STATUSES: readonly TacticStatus[] = ['closes_goal', 'progress'];

export interface SuggestTacticsParams {
  uri: string;
  position: Position;
  /** How many suggestions at most; the server's `suggestions.count` setting when absent. */
  k?: number;
}

export interface TacticSuggestion {
  tactic: string;
  status: TacticStatus;
  /** The tactic state after the tactic, as Lean prints it; null when there is none. */
  goalsAfter: string | null;
  /** Lean's message for a failed tactic; null otherwise. */
  message: string | null;
  source: SuggestionSource;
}

export interface SuggestTacticsResult {
  /** The tactic state at the position; null outside a proof. */
  goal: string | null;
  /** Ranked, best first. */
  suggestions: TacticSuggestion[];
}

/**
 * The title of the server's code action that inserts a verified tactic where it belongs (before the
 * tactic at the cursor, with its comma and indentation): "Insert `tactic` (what it does)".
 */
export function insertActionTitlePrefix(tactic: string): string {
  return `Insert \`${tactic}\``;
}

// ---- lean3Assist.server.formalize ----

export interface FormalizeParams {
  text: string;
  uri?: string;
  position?: Position;
}

/** A formalized statement's verdict. */
export const FORMALIZED_STATUSES = ['ok', 'error'] as const;
export type FormalizedStatus = (typeof FORMALIZED_STATUSES)[number];

export interface FormalizedStatement {
  statement: string;
  status: FormalizedStatus;
  /** Lean's error when `status` is `error`. */
  message: string | null;
}

export interface FormalizeResult {
  statements: FormalizedStatement[];
}

// ---- lean3Assist.server.prove ----

export interface ProveParams {
  uri: string;
  position: Position;
  /** States to expand at most; the server's default (1000) when absent. */
  budget?: number;
  /** Seconds at most; the server's default (60) when absent. */
  seconds?: number;
  /**
   * Whether the server itself applies the proof (`workspace/applyEdit`) or says why there is none
   * (`window/showMessage`), as its "Prove with search" code action asks; false when absent.
   */
  apply?: boolean;
}

/** Why a search ended. */
export const SEARCH_STOPS = ['proved', 'exhausted', 'expansions', 'time', 'cancelled'] as const;
export type SearchStop = (typeof SEARCH_STOPS)[number];

export interface ProveResult {
  goal: string;
  proved: boolean;
  /** The proof, exactly the text Lean checked; null when none was found. */
  proof: string | null;
  /** Puts the proof in place of the tactic at the position and the rest of its block. */
  edit: { range: { start: Position; end: Position }; newText: string } | null;
  /** The proof's steps, or the best partial ones. */
  steps: string[];
  /** The goals the best partial steps leave; null with a proof. */
  goalsLeft: string | null;
  stop: SearchStop;
  expansions: number;
  replays: number;
  ms: number;
}

// ---- lean3Assist.server.solve ----

export interface SolveParams {
  question: string;
  /** The document the problem is in; its text before `position` is the context of Lean's checks. */
  uri?: string;
  position?: Position;
  /** Solutions to sample and vote over; the server's default (4) when absent. */
  samples?: number;
  /** Programs a tool-integrated solution may have run; the server's default (4) when absent. */
  rounds?: number;
  /** Rank answers by the model's own judgement of each solution first (InternLM2-Math's outcome reward prompt). */
  rank?: boolean;
}

/** How the model solved it. */
export const SOLVE_MODES = ['chain-of-thought', 'program', 'tool-integrated', 'lean'] as const;
export type SolveMode = (typeof SOLVE_MODES)[number];

/** How far an answer is vouched for; only `checked` means Lean proved a statement that gives it. */
export const ANSWER_STATUSES = ['checked', 'contradicted', 'unchecked', 'no-answer'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** Lean's verdict on one claim, or on a solution's theorem. */
export const CLAIM_VERDICTS = ['proved', 'refuted', 'unproved', 'unchecked'] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

/** The model's own judgement of a solution, when asked: it ranks, it never checks. */
export const REWARDS = ['correct', 'incorrect'] as const;
export type Reward = (typeof REWARDS)[number];

export interface SolveClaim {
  /** As the solution wrote it. */
  claim: string;
  /** The proposition Lean was asked about. */
  checked: string;
  verdict: ClaimVerdict;
  message: string | null;
}

export interface SolveProgram {
  program: string;
  ran: boolean;
  ok: boolean;
  /** What it printed, or why it did not run. */
  output: string;
}

export interface SolveSample {
  text: string;
  answer: string | null;
  status: AnswerStatus;
  why: string;
  claims: SolveClaim[];
  programs: SolveProgram[];
  theorem: string | null;
  theoremVerdict: ClaimVerdict | null;
  theoremMessage: string | null;
  reward: Reward | null;
}

export interface SolveResult {
  question: string;
  mode: SolveMode;
  answer: string | null;
  status: AnswerStatus;
  why: string;
  samples: number;
  /** `judgedCorrect` only when ranked by the model's judgements. */
  votes: { answer: string; votes: number; judgedCorrect: number | null }[];
  solutions: SolveSample[];
  programs: string;
  confinement: string;
  /** How the answers were ranked: by votes, or by the model's judgements, then votes. */
  ranking: string;
}

// ---- lean3Assist.server.informalize ----

export interface InformalizeParams {
  statement: string;
}

export interface InformalizeResult {
  text: string;
}

// ---- custom methods ----

/** Request client -> server: the plain tactic state at a position. */
export const PLAIN_GOAL_METHOD = '$/lean3Assist/plainGoal';

export interface PlainGoalParams {
  textDocument: { uri: string };
  position: Position;
}

export type PlainGoalResult = { rendered: string; goals: string[] } | null;

/** Notification server -> client: the state of Lean and of the model, for the status bar. */
export const STATUS_METHOD = '$/lean3Assist/status';

export const LEAN_STATES = ['starting', 'ready', 'checking', 'restarting', 'crashed', 'missing'] as const;
export type LeanState = (typeof LEAN_STATES)[number];
export const MODEL_STATES = ['none', 'loading', 'ready-cpu', 'ready-cuda', 'ready-remote', 'error'] as const;
export type ModelState = (typeof MODEL_STATES)[number];

/** The values of the `lean3Assist.sandbox` setting. */
export const SANDBOX_MODES = ['auto', 'required', 'off'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export interface StatusParams {
  lean: LeanState;
  model: ModelState;
  message?: string;
  /**
   * Whether the Lean processes that replay model output (candidate tactics, formalized statements)
   * for the project checked last run in the OS sandbox; absent until a project has started.
   */
  sandboxed?: boolean;
  /** One line saying how they are confined, or why not (or why replays are refused). */
  sandbox?: string;
}

// ---- following the cursor: the Lean 3 Assist panel ----

/**
 * Request client -> server: follow the place under the cursor (sent as it moves, debounced, and
 * after each edit). The server answers with the subscription and from then on pushes
 * `SUGGESTIONS_METHOD` for it. `textDocument: null` stops following.
 */
export const FOLLOW_METHOD = '$/lean3Assist/follow';

export interface FollowParams {
  textDocument: { uri: string } | null;
  position: Position | null;
}

export interface FollowResult {
  /** Grows with every follow; null once following stopped. */
  subscription: number | null;
}

/** Notification server -> client: the followed place's goal, verdicts and search, as Lean judges. */
export const SUGGESTIONS_METHOD = '$/lean3Assist/suggestions';

/** Request client -> server: stop the searches running from a subscription's place. */
export const STOP_SEARCH_METHOD = '$/lean3Assist/stopSearch';

export interface StopSearchParams {
  subscription: number;
}

export interface StopSearchResult {
  stopped: boolean;
}

/**
 * How far the work at the followed place has got: outside a tactic proof, waiting for Lean's goal,
 * no goal there, candidates being checked, all checked (a search may still run).
 */
export const FOLLOW_PHASES = ['outside', 'waiting', 'noGoal', 'checking', 'done'] as const;
export type FollowPhase = (typeof FOLLOW_PHASES)[number];

export interface TextEditView {
  range: { start: Position; end: Position };
  newText: string;
}

export interface HypothesisView {
  names: string[];
  type: string;
}

export interface GoalView {
  caseTag: string | null;
  hypotheses: HypothesisView[];
  target: string;
}

export interface GoalStateView {
  /** The state as Lean prints it. */
  rendered: string;
  /** Its goals one by one; empty when the text could not be read (show `rendered` then). */
  goals: GoalView[];
}

export interface FollowedSuggestion extends TacticSuggestion {
  /** What it does, in words ("closes the goal", "makes progress: 2 goals left"). */
  description: string;
  /** For a verified suggestion, the edit that inserts it before the tactic at the place; null otherwise. */
  edit: TextEditView | null;
}

export interface SearchView {
  running: boolean;
  expansions: number;
  depth: number;
  /** The proof's steps, or the best partial ones so far. */
  bestSteps: string[];
  /** Goals the best steps leave; 0 with a proof; null before the first expansion. */
  goalsLeft: number | null;
  /** Why it ended; null while it runs. */
  stop: SearchStop | null;
  /** The proof Lean checked whole; null without one. */
  proof: string | null;
  /** Puts the proof in place of the rest of the block; null without a proof. */
  edit: TextEditView | null;
}

export interface SuggestionsReport {
  subscription: number;
  /** Grows with every report of the session: a client keeps only a report newer than the last it showed. */
  sequence: number;
  uri: string;
  /** The document version the report is true of. */
  version: number;
  /** Where the goal is (the tactic's start); null outside a proof. */
  site: Position | null;
  phase: FollowPhase;
  /** Null until Lean answers, and where it has no goal. */
  goal: GoalStateView | null;
  /** Ranked, best first; those judged so far while `phase` is `checking`. */
  suggestions: FollowedSuggestion[];
  /** A search from the place, running or ended; null when none was started. */
  search: SearchView | null;
}

// ---- settings ----

export const Settings = {
  javaHome: `${NAMESPACE}.java.home`,
  leanExecutablePath: `${NAMESPACE}.lean.executablePath`,
  leanMemoryLimitMb: `${NAMESPACE}.lean.memoryLimitMb`,
  leanTimeout: `${NAMESPACE}.lean.timeout`,
  leanThreads: `${NAMESPACE}.lean.threads`,
  leanCheckDelayMs: `${NAMESPACE}.lean.checkDelayMs`,
  leanCheckers: `${NAMESPACE}.lean.checkers`,
  sandbox: `${NAMESPACE}.sandbox`,
  modelPath: `${NAMESPACE}.model.path`,
  modelDevice: `${NAMESPACE}.model.device`,
  modelRemoteUrl: `${NAMESPACE}.model.remoteUrl`,
  modelRemoteModel: `${NAMESPACE}.model.remoteModel`,
  modelProfile: `${NAMESPACE}.model.profile`,
  suggestionsCount: `${NAMESPACE}.suggestions.count`,
  suggestionsOnHover: `${NAMESPACE}.suggestions.onHover`,
  traceServer: `${NAMESPACE}.trace.server`,
  panelOpenOnStart: `${NAMESPACE}.panel.openOnStart`,
} as const;

/** Settings only the client reads; the server's settings tree does not have them. */
export const CLIENT_ONLY_SETTINGS: readonly string[] = [Settings.javaHome, Settings.panelOpenOnStart];
