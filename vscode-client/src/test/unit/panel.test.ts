import * as assert from 'assert';
import { accept, editFor, EMPTY_PANEL, escapeHtml, followed, HISTORY, isPanelAction, PanelState, renderPanel } from '../../panel';
import { FollowedSuggestion, SuggestionsReport } from '../../protocol';

// The goal at basics.lean's `and_swap` (shared/lean3/goals/basics.json), as the server sends it.
const GOAL = {
  rendered: 'p q : Prop,\nhp : p,\nhq : q\n⊢ q ∧ p',
  goals: [{ caseTag: null, hypotheses: [{ names: ['p', 'q'], type: 'Prop' }, { names: ['hp'], type: 'p' }, { names: ['hq'], type: 'q' }], target: 'q ∧ p' }],
};

const SITE = { line: 6, character: 2 };

function suggestion(tactic: string, status: FollowedSuggestion['status'], description: string): FollowedSuggestion {
  const verified = status === 'closes_goal' || status === 'progress';
  return {
    tactic, status, description, source: 'portfolio', message: verified ? null : 'unknown identifier',
    goalsAfter: status === 'progress' ? 'p q : Prop,\nhp : p,\nhq : q\n⊢ q' : null,
    edit: verified ? { range: { start: SITE, end: SITE }, newText: `${tactic},\n  ` } : null,
  };
}

function report(subscription: number, sequence: number, version: number, extra: Partial<SuggestionsReport> = {}): SuggestionsReport {
  return {
    subscription, sequence, uri: 'file:///w/basics.lean', version, site: SITE, phase: 'checking', goal: GOAL,
    suggestions: [], search: null, ...extra,
  };
}

describe('the panel keeps reports in order', () => {
  it('draws a report for the document version the editor has, and drops one for an older version', () => {
    const kept = accept(EMPTY_PANEL, report(1, 1, 3), 3);
    assert.ok(kept);
    assert.strictEqual(kept.report?.sequence, 1);

    // The user typed: the editor has version 4, and a verdict Lean gave on version 3 arrives late.
    assert.strictEqual(accept(kept, report(1, 2, 3), 4), undefined);
    // Nor is anything drawn for a document the editor no longer has open.
    assert.strictEqual(accept(kept, report(1, 2, 3), undefined), undefined);
  });

  it('never draws an older report over a newer one of the same subscription', () => {
    const newer = accept(EMPTY_PANEL, report(1, 5, 3), 3) as PanelState;

    assert.strictEqual(accept(newer, report(1, 4, 3), 3), undefined);
    assert.strictEqual(accept(newer, report(1, 5, 3), 3), undefined, 'the same report twice is drawn once');
    assert.strictEqual(accept(newer, report(1, 6, 3), 3)?.report?.sequence, 6);
  });

  it('drops the reports of a place the cursor has left, even when they arrive after the new follow reply', () => {
    let state = accept(EMPTY_PANEL, report(1, 1, 3), 3) as PanelState;
    state = followed(state, 2);

    assert.strictEqual(accept(state, report(1, 2, 3), 3), undefined, 'subscription 1 is over');
    const moved = accept(state, report(2, 3, 3), 3);
    assert.strictEqual(moved?.report?.subscription, 2);
  });

  it('takes a report of a newer subscription before the follow reply that announces it', () => {
    // The server reports "waiting" while it answers the follow request: the report may come first.
    const early = accept(EMPTY_PANEL, report(7, 10, 3, { phase: 'waiting', goal: null }), 3) as PanelState;
    assert.strictEqual(early.subscription, 7);

    const afterReply = followed(early, 7);
    assert.strictEqual(afterReply.report?.sequence, 10, 'the reply does not wipe the report already drawn');
    assert.strictEqual(followed(afterReply, null), EMPTY_PANEL, 'following stopped: nothing is drawn');
  });
});

describe('the panel\'s buttons', () => {
  const suggestions = [suggestion('exact ⟨hq, hp⟩', 'closes_goal', 'closes the goal'), suggestion('refl', 'invalid', 'rejected by Lean'),
    suggestion('split', 'progress', 'makes progress: 2 goals left')];

  it('insert the edit of the report they were drawn for, even after a newer report was drawn', () => {
    let state = accept(EMPTY_PANEL, report(1, 1, 3, { suggestions }), 3) as PanelState;
    state = accept(state, report(1, 2, 3, { suggestions: suggestions.slice(1) }), 3) as PanelState;

    // Buttons count the verified suggestions only: index 1 of report 1 is `split`.
    const clicked = editFor(state, { action: 'insert', index: 1, sequence: 1 });
    assert.strictEqual(clicked?.text, 'split');
    assert.strictEqual(clicked?.version, 3);
    assert.deepStrictEqual(clicked?.edit.range.start, SITE);
    assert.strictEqual(editFor(state, { action: 'insert', index: 0, sequence: 2 })?.text, 'split');
  });

  it('insert nothing for a report no longer kept or a suggestion Lean did not accept', () => {
    let state = accept(EMPTY_PANEL, report(1, 1, 3, { suggestions }), 3) as PanelState;
    for (let sequence = 2; sequence <= HISTORY + 1; sequence++) {
      state = accept(state, report(1, sequence, 3, { suggestions }), 3) as PanelState;
    }
    assert.strictEqual(editFor(state, { action: 'insert', index: 0, sequence: 1 }), undefined, 'report 1 is too old');
    assert.strictEqual(editFor(state, { action: 'insert', index: 2, sequence: HISTORY + 1 }), undefined, 'only two were verified');
    assert.strictEqual(editFor(state, { action: 'insertProof', sequence: HISTORY + 1 }), undefined, 'no search found a proof');
  });

  it('insert the proof a search found', () => {
    const proof = 'cases h, cc, cc';
    const search = { running: false, expansions: 3, depth: 3, bestSteps: ['cases h', 'cc', 'cc'], goalsLeft: 0, stop: 'proved' as const, proof,
      edit: { range: { start: SITE, end: { line: 7, character: 0 } }, newText: `${proof}\n` } };
    const state = accept(EMPTY_PANEL, report(1, 1, 3, { phase: 'done', search }), 3) as PanelState;

    assert.strictEqual(editFor(state, { action: 'insertProof', sequence: 1 })?.text, proof);
  });

  it('post only well-formed actions', () => {
    assert.ok(isPanelAction({ action: 'insert', index: 0, sequence: 3 }));
    assert.ok(isPanelAction({ action: 'stopSearch', subscription: 2 }));
    assert.ok(!isPanelAction({ action: 'insert', index: '0', sequence: 3 }));
    assert.ok(!isPanelAction({ action: 'runShell', command: 'rm -rf /' }));
    assert.ok(!isPanelAction(null));
  });
});

describe('the panel\'s drawing', () => {
  it('sets hypotheses and targets apart', () => {
    const html = renderPanel(report(1, 1, 3));
    assert.match(html, /<li class="hyp"><span class="names">p q<\/span> <span class="colon">:<\/span> <span class="type">Prop<\/span><\/li>/);
    assert.match(html, /<div class="target" aria-label="target"><span class="turnstile">⊢<\/span> q ∧ p<\/div>/);
    assert.match(html, /line 7/, 'the place, counted from 1');
  });

  it('lists the verified suggestions as they arrive, each with an Insert button, and says more are coming', () => {
    const checking = renderPanel(report(1, 4, 3, { suggestions: [suggestion('exact ⟨hq, hp⟩', 'closes_goal', 'closes the goal'),
      suggestion('refl', 'invalid', 'rejected by Lean')] }));
    assert.match(checking, /<button type="button" data-action="insert" data-index="0" data-sequence="4" aria-label="Insert exact ⟨hq, hp⟩">Insert<\/button><code class="tactic">exact ⟨hq, hp⟩<\/code>/);
    assert.ok(!checking.includes('>refl<'), 'a tactic Lean refused is not offered');
    assert.match(checking, /checked by Lean so far \(2 judged\)/);
    assert.match(checking, /Lean is checking candidate tactics/);

    const done = renderPanel(report(1, 5, 3, { phase: 'done', suggestions: [suggestion('split', 'progress', 'makes progress: 2 goals left')] }));
    assert.ok(!done.includes('Lean is checking'), done);
    assert.match(done, /<pre class="after" aria-label="goals left">/);
    assert.match(renderPanel(report(1, 6, 3, { phase: 'done', suggestions: [suggestion('refl', 'invalid', 'rejected')] })),
      /None of the 1 candidates was accepted by Lean/);
  });

  it('shows a running search with a Stop button, and a found proof with an Insert proof button', () => {
    const running = renderPanel(report(3, 9, 3, { phase: 'done', search: { running: true, expansions: 4, depth: 2, bestSteps: ['cases h'],
      goalsLeft: 1, stop: null, proof: null, edit: null } }));
    assert.match(running, /Searching: 4 states expanded, depth 2, best: 1 goal\(s\) left after <code>cases h<\/code>/);
    assert.match(running, /data-action="stopSearch" data-subscription="3"/);

    const proved = renderPanel(report(3, 10, 3, { phase: 'done', search: { running: false, expansions: 5, depth: 3, bestSteps: [], goalsLeft: 0,
      stop: 'proved', proof: 'cases h, cc, cc', edit: { range: { start: SITE, end: SITE }, newText: 'cases h, cc, cc\n' } } }));
    assert.match(proved, /Proof found by search/);
    assert.match(proved, /data-action="insertProof" data-sequence="10"/);
    assert.ok(!proved.includes('stopSearch'));
  });

  it('says where the cursor is not in a proof, and when Lean has no goal', () => {
    assert.match(renderPanel(undefined), /begin … end/);
    assert.match(renderPanel(report(1, 1, 3, { phase: 'outside', site: null, goal: null })), /begin … end/);
    assert.match(renderPanel(report(1, 1, 3, { phase: 'noGoal', goal: null })), /Lean reports no goal here/);
    assert.match(renderPanel(report(1, 1, 3, { phase: 'waiting', goal: null })), /Asking Lean for the goal/);
  });

  it('escapes everything the server sends: a model\'s tactic cannot write HTML into the panel', () => {
    const hostile = suggestion('exact "<img src=x onerror=alert(1)>"', 'closes_goal', '<b>closes</b>');
    const html = renderPanel(report(1, 1, 3, { suggestions: [hostile],
      goal: { rendered: '', goals: [{ caseTag: '<script>', hypotheses: [{ names: ['<h>'], type: '&' }], target: '<t>' }] } }));
    assert.ok(!html.includes('<img'), html);
    assert.ok(!html.includes('<script>'), html);
    assert.ok(!html.includes('<b>'), html);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
