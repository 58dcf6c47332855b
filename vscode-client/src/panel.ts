// The Lean 3 Assist panel's pure logic: which of the server's `$/lean3Assist/suggestions` reports
// to keep, and the HTML the panel shows for one. Plain data in, plain data out, so it is unit-tested
// without VS Code; infoview.ts owns the webview and applies the edits. Every decision (what is
// verified, what an insertion edits) is the server's: this file only keeps order and draws.
import { FollowedSuggestion, GoalStateView, SearchView, SuggestionsReport, VERIFIED_STATUSES } from './protocol';

/** What the panel keeps between reports. */
export interface PanelState {
  /** The newest subscription the client knows of (from a follow reply or a report); 0 before any. */
  subscription: number;
  /** The sequence number of the report shown; 0 before any. */
  lastSequence: number;
  /** The report shown now, if any. */
  report: SuggestionsReport | undefined;
  /**
   * The last few reports of the newest subscription, newest last: a click on a button drawn for a
   * report finds its edit here even when a newer report has been drawn meanwhile.
   */
  history: SuggestionsReport[];
}

/** How many reports a click may lag behind. */
export const HISTORY = 16;

export const EMPTY_PANEL: PanelState = { subscription: 0, lastSequence: 0, report: undefined, history: [] };

/**
 * The follow request's reply: its subscription is the newest. The report shown stays until one for
 * the new subscription comes, unless it belongs to an older subscription and the cursor left it.
 */
export function followed(state: PanelState, subscription: number | null): PanelState {
  if (subscription === null) {
    return EMPTY_PANEL;
  }
  return subscription > state.subscription ? { ...state, subscription, history: [] } : state;
}

/**
 * The state after a report, or undefined when the report is to be dropped. A report is kept when
 *  - it is for the newest subscription (the server may report before its follow reply arrives,
 *    so a newer subscription than the one known is taken as the newest),
 *  - it is newer than the report shown (sequence numbers grow with every report), and
 *  - it is true of the document version the editor has now (`documentVersion`, undefined when the
 *    document is not open here).
 */
export function accept(state: PanelState, report: SuggestionsReport, documentVersion: number | undefined): PanelState | undefined {
  if (report.subscription < state.subscription) {
    return undefined;
  }
  if (report.subscription === state.subscription && report.sequence <= state.lastSequence) {
    return undefined;
  }
  if (documentVersion === undefined || documentVersion !== report.version) {
    return undefined;
  }
  const history = report.subscription === state.subscription ? [...state.history, report].slice(-HISTORY) : [report];
  return { subscription: report.subscription, lastSequence: report.sequence, report, history };
}

/** What a button in the panel asks for: the message the webview posts back. */
export type PanelAction =
  | { action: 'insert'; index: number; sequence: number }
  | { action: 'insertProof'; sequence: number }
  | { action: 'stopSearch'; subscription: number };

/** Whether a posted message is a well-formed panel action (the webview is a separate context). */
export function isPanelAction(message: unknown): message is PanelAction {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const value = message as Record<string, unknown>;
  switch (value.action) {
    case 'insert':
      return Number.isInteger(value.index) && Number.isInteger(value.sequence);
    case 'insertProof':
      return Number.isInteger(value.sequence);
    case 'stopSearch':
      return Number.isInteger(value.subscription);
    default:
      return false;
  }
}

/**
 * The edit a panel action asks for, from the report its button was drawn for, with that report's
 * document version (the caller applies the edit only to that version); undefined when that report
 * is no longer kept (another subscription, or too old) or has no such edit.
 */
export function editFor(state: PanelState, action: PanelAction):
  { edit: NonNullable<FollowedSuggestion['edit']>; text: string; uri: string; version: number } | undefined {
  if (action.action === 'stopSearch') {
    return undefined;
  }
  const report = state.history.find((kept) => kept.sequence === action.sequence);
  if (!report) {
    return undefined;
  }
  const found = editIn(report, action);
  return found && { ...found, uri: report.uri, version: report.version };
}

function editIn(report: SuggestionsReport, action: Exclude<PanelAction, { action: 'stopSearch' }>):
  { edit: NonNullable<FollowedSuggestion['edit']>; text: string } | undefined {
  if (action.action === 'insertProof') {
    const search = report.search;
    return search?.edit && search.proof !== null ? { edit: search.edit, text: search.proof } : undefined;
  }
  const suggestion = verifiedSuggestions(report)[action.index];
  return suggestion?.edit ? { edit: suggestion.edit, text: suggestion.tactic } : undefined;
}

/** The suggestions Lean accepted, in the server's order: what the panel lists with buttons. */
export function verifiedSuggestions(report: SuggestionsReport): FollowedSuggestion[] {
  return report.suggestions.filter((suggestion) => VERIFIED_STATUSES.includes(suggestion.status));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const PHASE_TEXT: Record<SuggestionsReport['phase'], string> = {
  outside: 'Move the cursor onto a tactic of a <code>begin … end</code> proof to see its goal and suggestions.',
  waiting: 'Asking Lean for the goal…',
  noGoal: 'Lean reports no goal here (is there an error above?).',
  checking: 'Lean is checking candidate tactics…',
  done: '',
};

/**
 * The panel's HTML for a report (the inside of its root element): the goal with hypotheses and
 * targets set apart, the verified suggestions as they arrive, each with an Insert button, and the
 * search, with a Stop button while it runs. Every text from the server is escaped.
 */
export function renderPanel(report: SuggestionsReport | undefined): string {
  if (!report) {
    return `<p class="phase">${PHASE_TEXT.outside}</p>`;
  }
  const parts: string[] = [];
  const where = report.site ? ` <span class="where">line ${report.site.line + 1}</span>` : '';
  parts.push(`<h2>Goal${where}</h2>`);
  if (report.goal) {
    parts.push(renderGoal(report.goal));
  } else if (report.phase !== 'outside') {
    parts.push(`<p class="phase" role="status">${PHASE_TEXT[report.phase]}</p>`);
  }
  if (report.phase === 'outside') {
    parts.push(`<p class="phase">${PHASE_TEXT.outside}</p>`);
    return parts.join('\n');
  }
  if (report.search) {
    parts.push(renderSearch(report.search, report));
  }
  if (report.goal && report.phase !== 'noGoal' && (report.goal.goals.length > 0 || report.phase === 'checking')) {
    parts.push(renderSuggestions(report));
  }
  return parts.join('\n');
}

function renderGoal(goal: GoalStateView): string {
  if (goal.goals.length === 0) {
    const solved = goal.rendered.trim() === '' || goal.rendered.trim() === 'no goals';
    return solved ? '<p class="solved">No goals: the proof is complete here.</p>' : `<pre class="raw">${escapeHtml(goal.rendered)}</pre>`;
  }
  const count = goal.goals.length;
  const goals = goal.goals.map((one, index) => {
    const tag = one.caseTag ? ` <span class="case">case ${escapeHtml(one.caseTag)}</span>` : '';
    const heading = count > 1 || one.caseTag ? `<div class="goal-heading">Goal ${index + 1} of ${count}${tag}</div>` : '';
    const hypotheses = one.hypotheses.map((hypothesis) =>
      `<li class="hyp"><span class="names">${escapeHtml(hypothesis.names.join(' '))}</span> <span class="colon">:</span> <span class="type">${escapeHtml(hypothesis.type)}</span></li>`);
    const list = hypotheses.length ? `<ul class="hyps" aria-label="hypotheses">${hypotheses.join('')}</ul>` : '';
    return `<section class="goal">${heading}${list}<div class="target" aria-label="target"><span class="turnstile">⊢</span> ${escapeHtml(one.target)}</div></section>`;
  });
  return goals.join('\n');
}

function renderSuggestions(report: SuggestionsReport): string {
  const verified = verifiedSuggestions(report);
  const judged = report.suggestions.length;
  const checking = report.phase === 'checking';
  const heading = `<h2>Suggestions <span class="note">${checking ? `checked by Lean so far (${judged} judged)` : 'checked by Lean'}</span></h2>`;
  if (verified.length === 0) {
    const text = checking
      ? PHASE_TEXT.checking
      : judged === 0 ? 'No candidate tactics for this goal.' : `None of the ${judged} candidates was accepted by Lean.`;
    return `${heading}\n<p class="phase" role="status">${text}</p>`;
  }
  const items = verified.map((suggestion, index) => {
    const kind = suggestion.status === 'closes_goal' ? 'closes' : 'progress';
    const after = suggestion.status === 'progress' && suggestion.goalsAfter
      ? `<pre class="after" aria-label="goals left">${escapeHtml(suggestion.goalsAfter)}</pre>` : '';
    const button = suggestion.edit
      ? `<button type="button" data-action="insert" data-index="${index}" data-sequence="${report.sequence}" aria-label="Insert ${escapeHtml(suggestion.tactic)}">Insert</button>`
      : '';
    return `<li class="suggestion ${kind}">${button}<code class="tactic">${escapeHtml(suggestion.tactic)}</code> <span class="verdict">${escapeHtml(suggestion.description)}</span>${after}</li>`;
  });
  const more = checking ? `<p class="phase" role="status">${PHASE_TEXT.checking}</p>` : '';
  return `${heading}\n<ul class="suggestions">${items.join('')}</ul>${more}`;
}

function renderSearch(search: SearchView, report: SuggestionsReport): string {
  if (search.running) {
    const best = search.goalsLeft === null ? '' : `, best: ${search.goalsLeft} goal(s) left`;
    const steps = search.bestSteps.length ? ` after <code>${escapeHtml(search.bestSteps.join(', '))}</code>` : '';
    return `<h2>Proof search</h2>\n<p class="search running" role="status">Searching: ${search.expansions} states expanded, depth ${search.depth}${best}${steps}. `
      + `<button type="button" data-action="stopSearch" data-subscription="${report.subscription}" aria-label="Stop the proof search">Stop</button></p>`;
  }
  if (search.proof !== null) {
    const button = search.edit
      ? `<button type="button" data-action="insertProof" data-sequence="${report.sequence}" aria-label="Insert the proof found by search">Insert proof</button>`
      : '';
    return `<h2>Proof found by search <span class="note">Lean checked the whole proof</span></h2>\n<div class="proof">${button}<pre><code>${escapeHtml(search.proof)}</code></pre></div>`;
  }
  const stop = search.stop ?? 'stopped';
  return `<h2>Proof search</h2>\n<p class="search ended">No proof found (${escapeHtml(stop)}, ${search.expansions} states expanded).</p>`;
}
