import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Commands, NAMESPACE, Settings } from '../../protocol';

// package.json is read from the extension's root, two levels above out/test/unit.
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('package.json', () => {
  it('contributes exactly the commands protocol.ts names, all under the namespace', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(Commands).sort());
    for (const id of contributed) {
      assert.ok(id.startsWith(`${NAMESPACE}.`), id);
    }
  });

  it('contributes exactly the settings protocol.ts names, never under lean. or lean4.', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepStrictEqual(contributed, Object.values(Settings).sort());
    for (const key of contributed) {
      assert.ok(key.startsWith(`${NAMESPACE}.`) && !/^lean4?\./.test(key), key);
    }
  });

  it('activates on Lean files', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:lean'));
  });
});
