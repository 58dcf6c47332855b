// How server answers are shown: status bar text, quick-pick items, where a statement is inserted.
// Pure functions of plain data, so they are unit-tested without VS Code; extension.ts applies them.
import {
  FormalizeResult,
  SolveResult,
  LeanState,
  ProveResult,
  ModelState,
  Settings,
  CLIENT_ONLY_SETTINGS,
  NAMESPACE,
  StatusParams,
  SuggestTacticsResult,
  TacticStatus,
  VERIFIED_STATUSES,
} from './protocol';

// ---- status bar ----

/** What the client knows beyond the server's own status: whether the server process runs at all. */
export type ClientPhase = 'starting' | 'running' | 'stopped' | 'noJava';

export interface StatusView {
  text: string;
  tooltip: string;
  /** True when something needs the user's attention (shown with the error background). */
  problem: boolean;
}

const LEAN_TEXT: Record<LeanState, string> = {
  starting: '$(sync~spin) Lean starting',
  ready: '$(check) Lean ready',
  checking: '$(sync~spin) Lean checking',
  restarting: '$(sync~spin) Lean restarting',
  crashed: '$(error) Lean crashed',
  missing: '$(warning) Lean missing',
};

const MODEL_TEXT: Record<ModelState, string> = {
  none: 'no model',
  loading: 'model loading',
  'ready-cpu': 'model ready (CPU)',
  'ready-cuda': 'model ready (CUDA)',
  'ready-remote': 'model ready (remote server)',
  error: 'model error',
};

/** The status bar item for the client's phase and the server's last `$/lean3Assist/status`. */
export function statusView(phase: ClientPhase, status: StatusParams | undefined, problem?: string): StatusView {
  const suffix = '\n\nClick to show the server output.';
  if (phase === 'noJava') {
    return { text: '$(error) Lean 3 Assist: no Java', tooltip: (problem ?? 'Java 17 or newer was not found.') + suffix, problem: true };
  }
  if (phase === 'stopped') {
    return { text: '$(error) Lean 3 Assist stopped', tooltip: (problem ?? 'The server is not running. Run "Lean 3 Assist: Restart Lean".') + suffix, problem: true };
  }
  if (phase === 'starting') {
    return { text: '$(sync~spin) Lean 3 Assist starting', tooltip: 'The Lean 3 Assist server is starting.' + suffix, problem: false };
  }
  if (status === undefined) {
    return { text: '$(server-process) Lean 3 Assist', tooltip: 'The server is running and has not reported Lean\'s state yet.' + suffix, problem: false };
  }
  const replays = sandboxView(status);
  const text = `${LEAN_TEXT[status.lean] ?? `Lean ${status.lean}`} · ${MODEL_TEXT[status.model] ?? `model ${status.model}`}`
    + (replays ? ` · ${replays.text}` : '');
  const lines = [`Lean: ${status.lean}`, `Model: ${status.model}`];
  if (replays) {
    lines.push(`Replays: ${replays.tooltip}`);
  }
  if (status.message) {
    lines.push('', status.message);
  }
  const bad = status.lean === 'crashed' || status.lean === 'missing' || status.model === 'error';
  return { text, tooltip: lines.join('\n') + suffix, problem: bad };
}

/**
 * How the replays of model output are confined, as the status bar shows it: a shield when they
 * run in the sandbox, a warning when they do not; the server's description goes in the tooltip.
 * Undefined until the server has said (no project has started yet).
 */
export function sandboxView(status: StatusParams | undefined): { text: string; tooltip: string } | undefined {
  if (typeof status?.sandboxed !== 'boolean') {
    return undefined;
  }
  const tooltip = status.sandbox ?? (status.sandboxed ? 'sandboxed' : 'not sandboxed');
  return status.sandboxed
    ? { text: '$(shield) sandboxed', tooltip }
    : { text: '$(warning) replays not sandboxed', tooltip };
}

// ---- Suggest next tactic ----

export interface TacticPick {
  /** Shown in the quick pick: the tactic itself. */
  label: string;
  /** Its status in words. */
  description: string;
  /** The goals after it, on one line. */
  detail: string;
  /** What is inserted when it is picked. */
  tactic: string;
}

const STATUS_WORDS: Record<TacticStatus, string> = {
  closes_goal: 'closes the goal',
  progress: 'makes progress',
  invalid: 'fails',
  uses_sorry: 'uses sorry',
  timeout: 'times out',
  rejected: 'rejected',
};

export function statusWords(status: TacticStatus): string {
  return STATUS_WORDS[status] ?? status;
}

/**
 * The quick-pick items for a `suggestTactics` answer: only verified tactics, in the server's order.
 * When there are none, `empty` says why, for an information message.
 */
export function tacticPicks(result: SuggestTacticsResult | null | undefined): { picks: TacticPick[]; empty?: string } {
  // `goal` is null or, as the server's Gson leaves null fields out, absent outside a proof.
  if (!result || result.goal === null || result.goal === undefined) {
    return { picks: [], empty: 'Lean 3 Assist: no tactic state here. Put the cursor inside a begin … end block.' };
  }
  const picks = result.suggestions
    .filter((s) => VERIFIED_STATUSES.includes(s.status))
    .map((s) => ({
      label: s.tactic,
      description: `${statusWords(s.status)} · ${s.source}`,
      detail: s.status === 'closes_goal' ? 'no goals' : oneLine(s.goalsAfter ?? ''),
      tactic: s.tactic,
    }));
  if (picks.length === 0) {
    const tried = result.suggestions.length;
    return { picks, empty: `Lean 3 Assist: none of the ${tried} candidate tactic${tried === 1 ? '' : 's'} checked by Lean works here.` };
  }
  return { picks };
}

/** A goal printed on one line: newlines become `  ` so the quick pick's detail stays readable. */
export function oneLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').join('  ');
}

// ---- Convert selection to Lean 3 ----

export type FormalizeOutcome = { kind: 'insert'; statement: string } | { kind: 'error'; message: string };

/** The first statement Lean accepted, else the first error Lean reported. */
export function formalizeOutcome(result: FormalizeResult | null | undefined): FormalizeOutcome {
  const statements = result?.statements ?? [];
  const ok = statements.find((s) => s.status === 'ok');
  if (ok) {
    return { kind: 'insert', statement: ok.statement };
  }
  const failed = statements.find((s) => s.status === 'error');
  if (failed) {
    return { kind: 'error', message: `Lean rejected \`${oneLine(failed.statement)}\`: ${failed.message ?? 'no message'}` };
  }
  return { kind: 'error', message: 'Lean 3 Assist: no Lean statement was produced for the selection.' };
}

/**
 * Where a converted statement goes: on a line of its own after the selection's last line, so the
 * informal text stays. `lastLineLength` is the length of that line; `lineCount` the document's.
 */
export function insertionAfter(lastLine: number, lastLineLength: number, lineCount: number, statement: string):
  { line: number; character: number; text: string } {
  const body = statement.endsWith('\n') ? statement : `${statement}\n`;
  if (lastLine + 1 < lineCount) {
    return { line: lastLine + 1, character: 0, text: body };
  }
  return { line: lastLine, character: lastLineLength, text: `\n${body.replace(/\n$/, '')}` };
}

// ---- settings ----

/**
 * The server's settings as one nested object (`{lean: {memoryLimitMb: 4096}, …}`), as the server
 * reads them from `initializationOptions`. Client-only settings are left out.
 */
export function serverSettingsTree(get: (key: string) => unknown): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const key of Object.values(Settings)) {
    if (CLIENT_ONLY_SETTINGS.includes(key)) {
      continue;
    }
    const value = get(key);
    if (value === undefined) {
      continue;
    }
    const parts = key.slice(NAMESPACE.length + 1).split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return tree;
}

// ---- Prove with search ----

export type ProveOutcome =
  | { kind: 'proof'; proof: string; edit: NonNullable<ProveResult['edit']>; message: string }
  | { kind: 'none'; message: string };

/** What to do with a search's answer: insert the proof Lean checked, or say how far it got. */
export function proveOutcome(result: ProveResult | null | undefined): ProveOutcome {
  if (!result) {
    return { kind: 'none', message: 'Lean 3 Assist: there is no goal to prove at the cursor.' };
  }
  const figures = `${result.expansions} states expanded in ${(result.ms / 1000).toFixed(1)} s`;
  if (result.proved && result.proof && result.edit) {
    return { kind: 'proof', proof: result.proof, edit: result.edit, message: `Lean 3 Assist: proof found and checked by Lean (${figures}).` };
  }
  const why: Record<string, string> = {
    exhausted: 'no tactic makes further progress',
    expansions: 'the search budget ran out',
    time: 'the time ran out',
    cancelled: 'the search was cancelled',
  };
  const best = result.steps.length === 0 ? '' : ` Best steps: ${oneLine(result.steps.join(', '))}` +
    (result.goalsLeft ? `, leaving ${goalCount(result.goalsLeft)}.` : '.');
  return { kind: 'none', message: `Lean 3 Assist: no proof found (${why[result.stop] ?? result.stop}; ${figures}).${best}` };
}

function goalCount(state: string): string {
  const header = /^(\d+) goals/.exec(state);
  return header ? `${header[1]} goals` : '1 goal';
}

// ---- Solve selected problem and check in Lean ----

/** The one-line verdict for a notification: the answer and whether Lean checked it. */
export function solveSummary(result: SolveResult | null | undefined): { checked: boolean; message: string } {
  if (!result || result.answer === null || result.answer === undefined) {
    return { checked: false, message: `Lean 3 Assist: no answer. ${result?.why ?? 'The server gave no result.'}` };
  }
  const votes = result.votes.length > 0 ? ` (${result.votes[0].votes} of ${result.samples} samples)` : '';
  if (result.status === 'checked') {
    return { checked: true, message: `Answer: ${result.answer}${votes}, checked by Lean. ${result.why}` };
  }
  return { checked: false, message: `Answer: ${result.answer}${votes}, not checked by Lean (${result.status}). ${result.why}` };
}

/** A fenced block that model text cannot close early: its fence is longer than any run of backticks inside. */
export function fenced(language: string, text: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text.trim(), fence];
}

const VERDICT_MARKS: Record<string, string> = { proved: '✓ proved', refuted: '✗ refuted', unproved: '? unproved', unchecked: '· unchecked' };

/** The whole result as Markdown: the answer, the vote, and every solution with each claim's verdict. */
export function solveReport(result: SolveResult): string {
  const lines: string[] = ['# Solve and check in Lean', '', `> ${result.question.split('\n').join('\n> ')}`, ''];
  const summary = solveSummary(result);
  lines.push(`**${summary.checked ? 'Checked by Lean' : 'Not checked by Lean'}**: ${summary.message}`, '');
  if (result.votes.length > 0) {
    lines.push(`Votes: ${result.votes.map((v) => `${v.answer} (${v.votes})`).join(', ')}`, '');
  }
  result.solutions.forEach((sample, index) => {
    const judged = sample.reward ? `, judged ${sample.reward} by the model` : '';
    lines.push(`## Solution ${index + 1} of ${result.solutions.length}: ${sample.answer ?? 'no answer'} (${sample.status}${judged})`, '');
    lines.push(sample.why, '', ...fenced('text', sample.text), '');
    for (const program of sample.programs) {
      lines.push(`Program ${program.ran ? (program.ok ? 'ran' : 'failed') : 'not run'}:`, '', ...fenced('python', program.program), '',
        ...fenced('text', program.output), '');
    }
    for (const claim of sample.claims) {
      lines.push(`- ${VERDICT_MARKS[claim.verdict] ?? claim.verdict}: ${claim.claim}${claim.message ? ` — ${oneLine(claim.message)}` : ''}`);
    }
    if (sample.claims.length > 0) {
      lines.push('');
    }
    if (sample.theorem) {
      lines.push(`Theorem (${VERDICT_MARKS[sample.theoremVerdict ?? ''] ?? sample.theoremVerdict}):`, '', ...fenced('lean', sample.theorem), '');
      if (sample.theoremMessage) {
        lines.push(oneLine(sample.theoremMessage), '');
      }
    }
  });
  lines.push(`Ranked by: ${result.ranking}`, '', `Programs: ${result.programs}`, '', `Lean: ${result.confinement}`, '');
  return lines.join('\n');
}
