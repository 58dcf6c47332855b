import * as assert from 'assert';
import { fenced, formalizeOutcome, insertionAfter, oneLine, proveOutcome, sandboxView, serverSettingsTree, solveReport, solveSummary, statusView, tacticPicks } from '../../presentation';
import { ProveResult, Settings, SolveResult, SuggestTacticsResult } from '../../protocol';

// A goal as Lean 3.51.1 prints it (shared/lean3/goals/basics.json, `and_swap`).
const GOAL = 'p q : Prop,\nhp : p,\nhq : q\n⊢ q ∧ p';

describe('status bar', () => {
  it('shows Lean and the model, and where the model runs', () => {
    assert.strictEqual(statusView('running', { lean: 'ready', model: 'ready-cuda' }).text, '$(check) Lean ready · model ready (CUDA)');
    assert.strictEqual(statusView('running', { lean: 'checking', model: 'ready-cpu' }).text, '$(sync~spin) Lean checking · model ready (CPU)');
    assert.strictEqual(statusView('running', { lean: 'ready', model: 'none' }).text, '$(check) Lean ready · no model');
    assert.strictEqual(statusView('running', { lean: 'starting', model: 'loading' }).text, '$(sync~spin) Lean starting · model loading');
  });

  it('flags a missing Lean, a crash or a model error, with the server\'s message in the tooltip', () => {
    const missing = statusView('running', { lean: 'missing', model: 'none', message: 'lean was not found on the PATH' });
    assert.ok(missing.problem);
    assert.match(missing.tooltip, /lean was not found on the PATH/);
    assert.ok(statusView('running', { lean: 'crashed', model: 'ready-cpu' }).problem);
    assert.ok(statusView('running', { lean: 'ready', model: 'error' }).problem);
    assert.ok(!statusView('running', { lean: 'ready', model: 'ready-cpu' }).problem);
  });

  it('shows whether the replays of model output run in the sandbox, with the server\'s description in the tooltip', () => {
    const sandboxed = statusView('running', {
      lean: 'ready', model: 'none', sandboxed: true,
      sandbox: 'sandboxed (bubblewrap 0.8.0: no network, own PID space, read-only files)',
    });
    assert.strictEqual(sandboxed.text, '$(check) Lean ready · no model · $(shield) sandboxed');
    assert.match(sandboxed.tooltip, /Replays: sandboxed \(bubblewrap 0\.8\.0: no network/);
    assert.ok(!sandboxed.problem);

    const unconfined = statusView('running', {
      lean: 'ready', model: 'ready-cpu', sandboxed: false, sandbox: 'not sandboxed: bubblewrap not found on PATH',
    });
    assert.strictEqual(unconfined.text, '$(check) Lean ready · model ready (CPU) · $(warning) replays not sandboxed');
    assert.match(unconfined.tooltip, /Replays: not sandboxed: bubblewrap not found on PATH/);

    // `required` without bubblewrap: the server refuses every replay and says how to install it.
    const refused = statusView('running', {
      lean: 'ready', model: 'none', sandboxed: false, sandbox: 'replays are refused: bubblewrap not found on PATH. Install bubblewrap',
    });
    assert.match(refused.text, /replays not sandboxed/);
    assert.match(refused.tooltip, /replays are refused: .*Install bubblewrap/);
  });

  it('says nothing of the sandbox before a project has started', () => {
    const view = statusView('running', { lean: 'starting', model: 'none' });
    assert.strictEqual(view.text, '$(sync~spin) Lean starting · no model');
    assert.doesNotMatch(view.tooltip, /Replays/);
    assert.strictEqual(sandboxView(undefined), undefined);
    // Gson leaves null fields out, and a client may see them as null.
    assert.strictEqual(sandboxView(JSON.parse('{"lean":"ready","model":"none","sandboxed":null}')), undefined);
    assert.deepStrictEqual(sandboxView({ lean: 'ready', model: 'none', sandboxed: false }),
      { text: '$(warning) replays not sandboxed', tooltip: 'not sandboxed' });
  });

  it('tells a missing Java and a stopped server apart from a running one', () => {
    const noJava = statusView('noJava', undefined, 'Lean 3 Assist needs Java 17 or newer');
    assert.match(noJava.text, /no Java/);
    assert.match(noJava.tooltip, /needs Java 17/);
    assert.ok(noJava.problem);
    assert.match(statusView('stopped', { lean: 'ready', model: 'none' }).text, /stopped/);
    assert.match(statusView('starting', undefined).text, /starting/);
    assert.match(statusView('running', undefined).text, /Lean 3 Assist/);
  });
});

describe('Suggest next tactic', () => {
  const result: SuggestTacticsResult = {
    goal: GOAL,
    suggestions: [
      { tactic: 'exact ⟨hq, hp⟩', status: 'closes_goal', goalsAfter: 'no goals', message: null, source: 'model' },
      { tactic: 'split', status: 'progress', goalsAfter: '2 goals\np q : Prop,\nhp : p,\nhq : q\n⊢ q\n\np q : Prop,\nhp : p,\nhq : q\n⊢ p', message: null, source: 'portfolio' },
      { tactic: 'simp', status: 'invalid', goalsAfter: null, message: 'simplify tactic failed to simplify', source: 'portfolio' },
      { tactic: 'sorry', status: 'uses_sorry', goalsAfter: null, message: null, source: 'portfolio' },
    ],
  };

  it('offers only verified tactics, in the server\'s order, with their status', () => {
    const { picks, empty } = tacticPicks(result);
    assert.strictEqual(empty, undefined);
    assert.deepStrictEqual(picks.map((p) => p.tactic), ['exact ⟨hq, hp⟩', 'split']);
    assert.strictEqual(picks[0].description, 'closes the goal · model');
    assert.strictEqual(picks[0].detail, 'no goals');
    assert.strictEqual(picks[1].description, 'makes progress · portfolio');
    assert.strictEqual(picks[1].detail, '2 goals  p q : Prop,  hp : p,  hq : q  ⊢ q  p q : Prop,  hp : p,  hq : q  ⊢ p');
  });

  it('says why there is nothing to pick', () => {
    assert.match(tacticPicks({ goal: null, suggestions: [] }).empty ?? '', /no tactic state here/);
    assert.match(tacticPicks(null).empty ?? '', /no tactic state here/);
    // The server's Gson leaves a null goal out.
    assert.match(tacticPicks(JSON.parse('{"suggestions":[]}')).empty ?? '', /no tactic state here/);
    const none = tacticPicks({ goal: GOAL, suggestions: result.suggestions.slice(2) });
    assert.deepStrictEqual(none.picks, []);
    assert.match(none.empty ?? '', /none of the 2 candidate tactics/);
  });

  it('prints a goal on one line', () => {
    assert.strictEqual(oneLine(GOAL), 'p q : Prop,  hp : p,  hq : q  ⊢ q ∧ p');
  });
});

describe('Convert selection to Lean 3', () => {
  it('inserts the first statement Lean accepted', () => {
    const outcome = formalizeOutcome({
      statements: [
        { statement: 'theorem t : ∀ n : ℕ, n + 0 = n := sorry', status: 'error', message: 'unknown identifier' },
        { statement: 'theorem t (n : ℕ) : n + 0 = n := sorry', status: 'ok', message: null },
      ],
    });
    assert.deepStrictEqual(outcome, { kind: 'insert', statement: 'theorem t (n : ℕ) : n + 0 = n := sorry' });
  });

  it('shows Lean\'s error when no statement checks', () => {
    const outcome = formalizeOutcome({ statements: [{ statement: 'theorem t : foo := sorry', status: 'error', message: "unknown identifier 'foo'" }] });
    assert.deepStrictEqual(outcome, { kind: 'error', message: "Lean rejected `theorem t : foo := sorry`: unknown identifier 'foo'" });
    assert.deepStrictEqual(formalizeOutcome(JSON.parse('{"statements":[{"statement":"theorem t : foo := sorry","status":"error"}]}')),
      { kind: 'error', message: 'Lean rejected `theorem t : foo := sorry`: no message' });
    assert.strictEqual(formalizeOutcome({ statements: [] }).kind, 'error');
    assert.strictEqual(formalizeOutcome(null).kind, 'error');
  });

  it('puts the statement on its own line after the selection', () => {
    assert.deepStrictEqual(insertionAfter(2, 10, 8, 'theorem t : true := trivial'), { line: 3, character: 0, text: 'theorem t : true := trivial\n' });
    // On the document's last line there is no next line to insert before.
    assert.deepStrictEqual(insertionAfter(7, 5, 8, 'theorem t : true := trivial\n'), { line: 7, character: 5, text: '\ntheorem t : true := trivial' });
  });
});

describe('settings sent to the server', () => {
  it('nests the server settings under their sections and leaves out client-only ones', () => {
    const values: Record<string, unknown> = {
      [Settings.javaHome]: '/jdk',
      [Settings.leanExecutablePath]: '/home/someone/lean-3.51.1/bin/lean',
      [Settings.leanMemoryLimitMb]: 4096,
      [Settings.modelDevice]: 'cuda',
      [Settings.suggestionsOnHover]: false,
      [Settings.sandbox]: 'required',
    };
    assert.deepStrictEqual(serverSettingsTree((key) => values[key]), {
      lean: { executablePath: '/home/someone/lean-3.51.1/bin/lean', memoryLimitMb: 4096 },
      model: { device: 'cuda' },
      suggestions: { onHover: false },
      sandbox: 'required',
    });
  });
});

describe('Prove with search', () => {
  const searched: ProveResult = {
    goal: GOAL, proved: true, proof: 'split, exact hq, exact hp',
    edit: { range: { start: { line: 4, character: 2 }, end: { line: 5, character: 0 } }, newText: 'split, exact hq, exact hp\n' },
    steps: ['split', 'exact hq', 'exact hp'], goalsLeft: null, stop: 'proved', expansions: 3, replays: 9, ms: 2400,
  };

  it('inserts the proof Lean checked, with the edit the server gave', () => {
    const outcome = proveOutcome(searched);
    assert.strictEqual(outcome.kind, 'proof');
    if (outcome.kind === 'proof') {
      assert.strictEqual(outcome.proof, 'split, exact hq, exact hp');
      assert.deepStrictEqual(outcome.edit, searched.edit);
      assert.match(outcome.message, /checked by Lean \(3 states expanded in 2\.4 s\)/);
    }
  });

  it('says how far a search got when it found no proof, and never inserts partial steps', () => {
    const partial = proveOutcome({ ...searched, proved: false, proof: null, edit: null, steps: ['split'],
      goalsLeft: '2 goals\np q : Prop\n⊢ q\n\np q : Prop\n⊢ p', stop: 'time' });
    assert.strictEqual(partial.kind, 'none');
    assert.match(partial.message, /no proof found \(the time ran out; 3 states expanded/);
    assert.match(partial.message, /Best steps: split, leaving 2 goals\./);
    // A proof flag without the text or the edit is no proof to insert.
    assert.strictEqual(proveOutcome({ ...searched, edit: null }).kind, 'none');
    assert.strictEqual(proveOutcome(null).kind, 'none');
  });
});

describe('solve and check', () => {
  const result: SolveResult = {
    question: 'Natalia sold 48 clips in April and half as many in May. How many in all?',
    mode: 'chain-of-thought',
    answer: '72',
    status: 'checked',
    why: 'Lean proved the step that gives it: 48 + 24 = 72',
    samples: 2,
    votes: [{ answer: '72', votes: 2, judgedCorrect: null }],
    solutions: [{
      text: 'In May she sold 48 / 2 = 24 clips. In all 48 + 24 = 72.\nThe answer is: 72\n```\n[evil](http://x)',
      answer: '72', status: 'checked', why: 'Lean proved the step that gives it: 48 + 24 = 72',
      claims: [
        { claim: '48 / 2 = 24', checked: '(48:ℚ) / 2 = 24', verdict: 'proved', message: null },
        { claim: '48 + 24 = 72', checked: '(48:ℚ) + 24 = 72', verdict: 'proved', message: null },
      ],
      programs: [], theorem: null, theoremVerdict: null, theoremMessage: null, reward: 'correct',
    }],
    programs: 'programs are not run: no python3',
    confinement: 'sandboxed (bubblewrap 0.8.0)',
    ranking: 'votes',
  };

  it('says checked by Lean only for a checked answer', () => {
    assert.deepStrictEqual(solveSummary(result), { checked: true, message: 'Answer: 72 (2 of 2 samples), checked by Lean. Lean proved the step that gives it: 48 + 24 = 72' });
    const unchecked = solveSummary({ ...result, status: 'unchecked', why: 'its arithmetic was not checked' });
    assert.strictEqual(unchecked.checked, false);
    assert.match(unchecked.message, /not checked by Lean \(unchecked\)/);
    const none = solveSummary({ ...result, answer: null, status: 'no-answer', votes: [], why: 'no solution states an answer' });
    assert.deepStrictEqual(none, { checked: false, message: 'Lean 3 Assist: no answer. no solution states an answer' });
  });

  it('reports every claim with its verdict, and keeps model text inside its fence', () => {
    const report = solveReport(result);
    assert.match(report, /✓ proved: 48 \/ 2 = 24/);
    assert.match(report, /Votes: 72 \(2\)/);
    assert.match(report, /## Solution 1 of 1: 72 \(checked, judged correct by the model\)/);
    assert.match(report, /Ranked by: votes/);
    // The solution's own ``` cannot end the block it is shown in.
    assert.ok(report.includes('````text\nIn May'), report);
    assert.deepStrictEqual(fenced('text', 'a ``` b'), ['````text', 'a ``` b', '````']);
    assert.deepStrictEqual(fenced('lean', 'by norm_num'), ['```lean', 'by norm_num', '```']);
  });
});
