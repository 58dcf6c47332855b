// The stand-in `lean` of the end-to-end test (e2e/fake-lean/bin/lean) must answer as the recorded
// Lean 3.51.1 did: each session transcript's requests are sent to it, and every reply must equal the
// recorded one, with the recorded placeholders turned into the live paths.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const clientDir = path.join(__dirname, '..', '..', '..');
const fakeLean = path.join(clientDir, 'e2e', 'fake-lean', 'bin', 'lean');
const recordings = path.resolve(process.env.LEAN3_RECORDINGS ?? path.join(clientDir, '..', '..', 'shared', 'lean3'));
// The project's own recordings of checked replays, which the stand-in reads from this repository.
const projectRecordings = path.join(clientDir, '..', 'lean-bridge', 'src', 'test', 'resources', 'lean3');

interface Event {
  dir?: 'send' | 'recv';
  msg?: Record<string, unknown>;
}

function transcript(name: string): Event[] {
  const file = name.startsWith('checked/') ? path.join(projectRecordings, name) : path.join(recordings, name);
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

function expand(value: unknown, workspace: string): unknown {
  const leanHome = path.resolve(path.dirname(fakeLean), '..');
  if (typeof value === 'string') {
    return value.split('${LEAN_LIBRARY}').join(path.join(leanHome, 'lib', 'lean', 'library'))
      .split('${LEAN_HOME}').join(leanHome).split('${WORKSPACE}').join(workspace);
  }
  if (Array.isArray(value)) {
    return value.map((v) => expand(v, workspace));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, workspace)]));
  }
  return value;
}

/**
 * For each `sync` with content, in order: the messages of its file in the last `all_messages`
 * before the next sync's reply (or the end), as Lean sends a list only when it changes.
 */
function listsAfterEachCheck(received: Record<string, unknown>[], requestsBySeq: Map<unknown, Record<string, unknown>>,
  workspace: string): string[][] {
  const lists: string[][] = [];
  let latest: { file_name: string; pos_line: number; pos_col: number; severity: string; text: string }[] = [];
  let checked: string | undefined;
  const close = () => {
    if (checked !== undefined) {
      lists.push(latest.filter((m) => m.file_name === checked).map((m) => `${m.pos_line}:${m.pos_col} ${m.severity} ${m.text}`).sort());
    }
  };
  for (const message of received) {
    const request = message.seq_num === undefined ? undefined : requestsBySeq.get(message.seq_num);
    if (request?.command === 'sync' && typeof request.content === 'string' && request.content !== '') {
      close();
      checked = expand(request.file_name, workspace) as string;
    } else if (message.response === 'all_messages') {
      latest = message.msgs as typeof latest;
    }
  }
  close();
  return lists;
}

/** Widget ids count up per Lean process, so two recordings of one position differ only there. */
function withoutWidgetIds(reply: unknown): unknown {
  return JSON.parse(JSON.stringify(reply ?? null), (key, value) => (key === 'id' && typeof value === 'number' ? undefined : value));
}

(fs.existsSync(path.join(recordings, 'README.md')) ? describe : describe.skip)(`the stand-in lean (recordings: ${recordings})`, () => {
  it('prints the recorded version', () => {
    const result = spawnSync(process.execPath, [fakeLean, '--version'], { encoding: 'utf8' });
    assert.strictEqual(result.stdout.trim(), 'Lean (version 3.51.1, Release)');
  });

  const transcripts = [
    ...['basics', 'multigoal', 'unicode', 'errors', 'incomplete'].map((name) => `sessions/${name}.jsonl`),
    ...['basics', 'multigoal'].map((name) => `replays/${name}.jsonl`),
    // A checker's replays: the variants of today's verifier, on a real Lean checker.
    ...['basics', 'multigoal', 'verdicts'].map((name) => `checked/${name}.jsonl`),
  ];
  for (const name of transcripts) {
    it(`replays ${name} reply for reply`, function () {
      this.timeout(120_000);
      const events = transcript(name);
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lean-'));
      try {
        const requests = events.filter((e) => e.dir === 'send' && e.msg).map((e) => JSON.stringify(expand(e.msg, workspace)));
        const result = spawnSync(process.execPath, [fakeLean, '--server', '-M', '4096', '-T', '100000'], {
          input: `${requests.join('\n')}\n`, encoding: 'utf8', cwd: workspace, timeout: 60_000,
          env: { ...process.env, LEAN3_RECORDINGS: recordings, LEAN3_FAKE_MAX_GAP_MS: '0' },
        });
        assert.strictEqual(result.status, 0, result.stderr);
        const live = result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
        const liveReplies = new Map(live.filter((m) => m.seq_num !== undefined).map((m) => [m.seq_num, m]));
        const recordedReplies = events.filter((e) => e.dir === 'recv' && e.msg && e.msg.seq_num !== undefined).map((e) => e.msg!);
        assert.ok(recordedReplies.length > 10);
        for (const recorded of recordedReplies) {
          assert.deepStrictEqual(withoutWidgetIds(liveReplies.get(recorded.seq_num)), withoutWidgetIds(expand(recorded, workspace)),
            `seq_num ${recorded.seq_num}`);
        }
        const recordedPushes = events.filter((e) => e.dir === 'recv' && e.msg).map((e) => e.msg!);
        if (name.startsWith('checked/')) {
          // A checker's transcript syncs some texts more than once (the same question before each
          // candidate), and Lean's pushes for a repeat differ from its first check; the stand-in
          // replays the first. What a verdict is read from must agree: after every check, the list
          // of messages of the checked file.
          const requestsBySeq = new Map(events.filter((e) => e.dir === 'send' && e.msg).map((e) => [e.msg!.seq_num, e.msg!]));
          assert.deepStrictEqual(listsAfterEachCheck(live, requestsBySeq, workspace),
            listsAfterEachCheck(events.filter((e) => e.dir === 'recv' && e.msg).map((e) => expand(e.msg, workspace) as Record<string, unknown>),
              requestsBySeq, workspace));
        } else {
          // The pushed messages of checking, in the recorded order.
          const pushed = (messages: Record<string, unknown>[]) => messages.filter((m) => m.seq_num === undefined).map((m) => m.response);
          assert.deepStrictEqual(pushed(live), pushed(recordedPushes));
        }
      } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
      }
    });
  }
  it('reports content it has no recording of as an error at its first changed line, keeping other files\' messages', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lean-'));
    try {
      const read = (name: string) => fs.readFileSync(path.join(recordings, 'lean', name), 'utf8');
      const basics = read('basics.lean');
      const lines = basics.split('\n');
      lines[6] = '  frobnicate_unrecorded,'; // line 7, 1-based
      const requests = [
        { seq_num: 1, command: 'sync', file_name: `${workspace}/errors.lean`, content: read('errors.lean') },
        { seq_num: 2, command: 'sync', file_name: `${workspace}/basics.lean`, content: basics },
        { seq_num: 3, command: 'sync', file_name: `${workspace}/.shadow/0/basics.lean`, content: lines.join('\n') },
        { seq_num: 4, command: 'sync_output' },
        { seq_num: 5, command: 'barrier_ping' },
      ];
      const result = spawnSync(process.execPath, [fakeLean, '--server'], {
        input: `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`, encoding: 'utf8', cwd: workspace, timeout: 60_000,
        env: { ...process.env, LEAN3_RECORDINGS: recordings, LEAN3_FAKE_MAX_GAP_MS: '0' },
      });
      const lists = result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)).filter((m) => m.response === 'all_messages');
      const last = lists[lists.length - 1].msgs as { file_name: string; pos_line: number; severity: string; text: string }[];
      const shadow = last.filter((m) => m.file_name.endsWith('/.shadow/0/basics.lean'));
      assert.deepStrictEqual(shadow.map((m) => [m.pos_line, m.severity]), [[7, 'error']]);
      assert.match(shadow[0].text, /not in the recordings/);
      assert.ok(last.some((m) => m.file_name === `${workspace}/errors.lean` && m.severity === 'error'), 'errors.lean\'s recorded errors were dropped');
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
  it('replays a recorded candidate variant cut after its declaration, with the recorded verdict', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lean-'));
    try {
      const replays: { candidate: string; classification: string; variant_content: string; decl_line_range: [number, number] }[] =
        JSON.parse(fs.readFileSync(path.join(recordings, 'replays', 'basics.json'), 'utf8'));
      const invalid = replays.find((r) => r.classification === 'invalid' && r.decl_line_range[0] === 3)!;
      const lines = invalid.variant_content.split('\n');
      const cut = `${lines.slice(0, invalid.decl_line_range[1]).join('\n')}\n`;
      const requests = [
        { seq_num: 1, command: 'sync', file_name: `${workspace}/.shadow/0/basics.lean`, content: cut },
        { seq_num: 2, command: 'sync_output' },
        { seq_num: 3, command: 'barrier_ping' },
      ];
      const result = spawnSync(process.execPath, [fakeLean, '--server'], {
        input: `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`, encoding: 'utf8', cwd: workspace, timeout: 60_000,
        env: { ...process.env, LEAN3_RECORDINGS: recordings, LEAN3_FAKE_MAX_GAP_MS: '0' },
      });
      const lists = result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)).filter((m) => m.response === 'all_messages');
      const last = lists[lists.length - 1].msgs as { pos_line: number; severity: string; text: string }[];
      assert.ok(last.length > 0, `no messages for the cut variant of \`${invalid.candidate}\``);
      assert.ok(last.every((m) => m.pos_line <= invalid.decl_line_range[1] + 1), 'a message beyond the cut copy was replayed');
      assert.ok(last.some((m) => m.severity === 'error' && !/not in the recordings/.test(m.text)), 'the recorded error is missing');
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
  it('after replaying a check, a file has the messages Lean had for it, in whatever order checks come', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lean-'));
    try {
      const replays: { position: { line: number }; candidate: string; classification: string; variant_content: string }[] =
        JSON.parse(fs.readFileSync(path.join(recordings, 'replays', 'basics.json'), 'utf8'));
      const atFirst = replays.filter((r) => r.position.line === replays[0].position.line);
      const closing = atFirst.filter((r) => r.classification === 'closes_goal');
      const failing = atFirst.find((r) => r.classification === 'invalid')!;
      const shadow = `${workspace}/.shadow/0/basics.lean`;
      // Every closing variant after a failing one: its list must not keep the failure's error.
      for (const closes of closing) {
        const requests = [
          { seq_num: 1, command: 'sync', file_name: shadow, content: failing.variant_content },
          { seq_num: 2, command: 'sync_output' },
          { seq_num: 3, command: 'barrier_ping' },
          { seq_num: 4, command: 'sync', file_name: shadow, content: closes.variant_content },
          { seq_num: 5, command: 'sync_output' },
          { seq_num: 6, command: 'barrier_ping' },
        ];
        const result = spawnSync(process.execPath, [fakeLean, '--server'], {
          input: `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`, encoding: 'utf8', cwd: workspace, timeout: 60_000,
          env: { ...process.env, LEAN3_RECORDINGS: recordings, LEAN3_FAKE_MAX_GAP_MS: '0' },
        });
        const lists = result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)).filter((m) => m.response === 'all_messages');
        const last = (lists[lists.length - 1]?.msgs ?? []) as { file_name: string; severity: string }[];
        assert.deepStrictEqual(last.filter((m) => m.file_name === shadow && m.severity === 'error'), [],
          `\`${closes.candidate}\` after \`${failing.candidate}\``);
      }
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('answers a tactic session at a recorded site from the recorded steps, and refuses other sites', () => {
    const recording: { source: string; line: number; column: number; start: unknown; steps: { path: string[]; answer: Record<string, unknown> }[] } =
      JSON.parse(fs.readFileSync(path.join(projectRecordings, 'tactic-sessions', 'basics-or-swap.json'), 'utf8'));
    const lines = recording.source.split('\n');
    // The session file as the server writes it: the source up to the site, the declaration renamed,
    // the session's tactic at the site (only its marker line and the site are read).
    const sessionFile = (siteLine: number, column: number) => {
      let declaration = siteLine - 1;
      while (!/^theorem /.test(lines[declaration])) {
        declaration--;
      }
      const renamed = lines[declaration].replace(/^theorem \S+/, 'theorem lean3assist_verdict_0123456789abcdef');
      return 'import system.io\nmeta def marker : string := "lean3assist_session_0123456789abcdef"\n'
        + [...lines.slice(0, declaration), renamed, ...lines.slice(declaration + 1, siteLine - 1)].join('\n') + '\n'
        + lines[siteLine - 1].slice(0, column) + 'lean3assist_session.run,\nend\n';
    };
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-lean-session-'));
    try {
      const file = path.join(workspace, 'session.lean');
      fs.writeFileSync(file, sessionFile(recording.line, recording.column));
      const proof = recording.steps.find((step) => step.answer.goals === 0)!.path;
      const requests = proof.map((tactic, index) => ({ state: index, tactic, ms: 3000, heartbeats: 100000, names: [] }));
      requests.push({ state: 0, tactic: 'not a recorded step', ms: 3000, heartbeats: 100000, names: [] });
      const result = spawnSync(process.execPath, [fakeLean, '-M', '4096', '-j', '1', file], {
        input: `${requests.map((r) => JSON.stringify(r)).join('\n')}\n\n`, encoding: 'utf8', timeout: 60_000,
      });
      const answers = result.stdout.split('\n').filter((l) => l.startsWith('lean3assist_session_0123456789abcdef '))
        .map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)));
      assert.deepStrictEqual(answers[0], recording.start);
      // Each step of the recorded proof from the state the one before reached, the last with no goals left.
      assert.strictEqual(answers[proof.length].goals, 0, result.stdout);
      assert.match(answers[proof.length + 1].error, /not in the recordings/);

      fs.writeFileSync(file, sessionFile(6, 2));
      const elsewhere = spawnSync(process.execPath, [fakeLean, file], { input: '\n', encoding: 'utf8', timeout: 60_000 });
      assert.notStrictEqual(elsewhere.status, 0);
      assert.match(elsewhere.stdout, /no recorded tactic session/);
    } finally {
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
