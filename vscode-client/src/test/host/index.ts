// The extension's in-host test runner: VS Code loads this module in the extension host (code-server's
// test payload, see e2e/run-e2e.mjs) and awaits `run()`. It runs the mocha suites next to it and, when
// LEAN3_ASSIST_HOST_RESULT names a file, writes the outcome there for the harness to read.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'))) {
    mocha.addFile(path.join(__dirname, file));
  }
  const outcome = { passed: [] as string[], failed: [] as { title: string; error: string }[] };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => outcome.passed.push(test.fullTitle()));
    runner.on('fail', (test, error) => outcome.failed.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }));
  });
  const resultFile = process.env.LEAN3_ASSIST_HOST_RESULT;
  if (resultFile) {
    fs.writeFileSync(resultFile, JSON.stringify(outcome, null, 2));
  }
  if (failures > 0) {
    throw new Error(`${failures} in-host test(s) failed`);
  }
}
