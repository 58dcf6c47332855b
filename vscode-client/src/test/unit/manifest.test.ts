import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CommandHandler, CommandTable, registerCommands } from '../../commands';
import { COMMAND_CATEGORY, Commands, insertActionTitlePrefix, NAMESPACE, ServerCommands, Settings } from '../../protocol';

// package.json is read from the extension's root, three levels above out/test/unit.
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const contributedCommands: { command: string; title: string; category: string }[] = manifest.contributes.commands;

describe('package.json', () => {
  it('contributes exactly the commands protocol.ts names, under the namespace and the category', () => {
    const contributed = contributedCommands.map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(Commands).sort());
    for (const command of contributedCommands) {
      assert.ok(command.command.startsWith(`${NAMESPACE}.`), command.command);
      assert.strictEqual(command.category, COMMAND_CATEGORY, command.command);
      assert.ok(command.title.length > 0, command.command);
    }
  });

  it('registers every contributed command, and nothing else', () => {
    const registered: string[] = [];
    const table = Object.fromEntries(Object.values(Commands).map((id) => [id, (() => id) as CommandHandler])) as unknown as CommandTable;
    const registrations = registerCommands(table, (id, handler) => {
      registered.push(id);
      assert.strictEqual(handler(), id, `the handler registered for ${id} is the table's`);
      return { dispose: () => undefined };
    });
    assert.strictEqual(registrations.length, contributedCommands.length);
    assert.deepStrictEqual(registered.sort(), contributedCommands.map((c) => c.command).sort());
  });

  it('keeps its own command ids apart from the ones the server advertises', () => {
    // vscode-languageclient registers the server's commands; VS Code refuses an id registered twice.
    const clientIds = new Set<string>(Object.values(Commands));
    for (const serverId of Object.values(ServerCommands)) {
      assert.ok(!clientIds.has(serverId), serverId);
      assert.ok(serverId.startsWith(`${NAMESPACE}.server.`), serverId);
    }
  });

  it('recognizes the server\'s insert action by its title', () => {
    // As lsp-server's LeanTextDocumentService titles it.
    assert.ok('Insert `exact ⟨h.2, h.1⟩` (closes the goal)'.startsWith(insertActionTitlePrefix('exact ⟨h.2, h.1⟩')));
    assert.ok(!'Insert `exact h` (closes the goal)'.startsWith(insertActionTitlePrefix('exact')));
  });

  it('refers only to contributed commands in its menus', () => {
    const ids = new Set(contributedCommands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const entry of entries) {
        assert.ok(ids.has(entry.command), `${menu}: ${entry.command}`);
      }
    }
  });

  it('contributes exactly the settings protocol.ts names, never under lean. or lean4.', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepStrictEqual(contributed, Object.values(Settings).sort());
    for (const key of contributed) {
      assert.ok(key.startsWith(`${NAMESPACE}.`) && !/^lean4?\./.test(key), key);
    }
  });

  it('activates on Lean files and contributes the language only as id "lean" for .lean files', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:lean'));
    // VS Code merges this with jroesch.lean's contribution of the same id, so the two coexist.
    assert.deepStrictEqual(manifest.contributes.languages.map((l: { id: string }) => l.id), ['lean']);
    assert.deepStrictEqual(manifest.contributes.languages[0].extensions, ['.lean']);
  });

  it('pins vscode-languageclient and the packaging tool exactly', () => {
    assert.match(manifest.dependencies['vscode-languageclient'], /^\d+\.\d+\.\d+$/);
    assert.match(manifest.devDependencies['@vscode/vsce'], /^\d+\.\d+\.\d+$/);
  });
});
