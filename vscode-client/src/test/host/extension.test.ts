// Runs inside a real VS Code extension host with the installed .vsix (see index.ts).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Lean3AssistApi } from '../../extension';
import { Commands, ServerCommands } from '../../protocol';

const EXTENSION_ID = 'lean3assist.lean3-assist';

async function activated(): Promise<{ extension: vscode.Extension<Lean3AssistApi>; api: Lean3AssistApi }> {
  const extension = vscode.extensions.getExtension<Lean3AssistApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test window has no workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder.uri.fsPath, 'basics.lean')));
  await vscode.window.showTextDocument(document);
  assert.strictEqual(document.languageId, 'lean');
  const api = await extension.activate();
  return { extension, api };
}

describe('the installed extension', () => {
  it('activates on a .lean file and starts the server', async () => {
    const { extension, api } = await activated();
    assert.ok(extension.isActive);
    await api.whenStarted();
    assert.ok(api.client(), 'no language client');
    assert.ok(api.client()?.isRunning(), 'the language client is not running');
  });

  it('registers every command package.json contributes', async () => {
    const { extension, api } = await activated();
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepStrictEqual([...api.registeredCommands()].sort(), [...contributed].sort());
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) {
      assert.ok(all.has(id), `${id} is contributed but not registered`);
    }
    assert.deepStrictEqual([...contributed].sort(), Object.values(Commands).sort());
  });

  it('has the server\'s commands registered by vscode-languageclient, apart from its own', async () => {
    const { api } = await activated();
    await api.whenStarted();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(ServerCommands)) {
      assert.ok(all.has(id), `${id} is advertised by the server but not registered`);
    }
  });

  it('opens the Lean 3 Assist panel beside the editor, once however often it is asked for', async () => {
    const { api } = await activated();
    await api.whenStarted();
    assert.strictEqual(api.panel().open, false);
    await vscode.commands.executeCommand(Commands.showPanel);
    await vscode.commands.executeCommand(Commands.showPanel);
    assert.strictEqual(api.panel().open, true);
    // The tab appears once the workbench has made the webview; then there is exactly one.
    const panels = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Lean 3 Assist');
    for (let waited = 0; panels().length === 0 && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.strictEqual(panels().length, 1, `one panel among the tabs ${vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label).join(', ')}`);
  });

  it('shows the server in the status bar', async () => {
    const { api } = await activated();
    await api.whenStarted();
    assert.doesNotMatch(api.statusBar().text, /no Java|stopped/);
  });
});
