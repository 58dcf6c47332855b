// The VS Code side of Lean 3 Assist: finds Java, starts the server jar, forwards the settings, and
// registers the commands and the status bar item. All language logic lives in the Java server; this
// file only wires VS Code to it, and the pure parts (what to show, where to insert) are in
// presentation.ts.
//
// Coexisting with the Lean 3 extension (jroesch.lean): package.json contributes the language `lean`
// for `.lean` files too. VS Code merges language contributions with the same id, so the two
// extensions share one language and both activate on it; every setting and command here lives under
// `lean3Assist.` and never under `lean.`.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from 'vscode-languageclient/node';
import { CommandTable, registerCommands } from './commands';
import { PanelView, SuggestionsPanel } from './infoview';
import { javaCandidates, javaProblem, parseJavaVersion } from './java';
import { ClientPhase, formalizeOutcome, FormalizeOutcome, insertionAfter, proveOutcome, ProveOutcome, serverSettingsTree, solveReport, solveSummary, statusView, StatusView, tacticPicks } from './presentation';
import {
  COMMAND_CATEGORY,
  Commands,
  FormalizeParams,
  FormalizeResult,
  InformalizeParams,
  InformalizeResult,
  SolveParams,
  SolveResult,
  insertActionTitlePrefix,
  NAMESPACE,
  ProveParams,
  ProveResult,
  ServerCommands,
  Settings,
  STATUS_METHOD,
  StatusParams,
  SuggestTacticsParams,
  SuggestTacticsResult,
} from './protocol';

/** What `activate` returns; the end-to-end test uses it to reach the running client. */
export interface Lean3AssistApi {
  /** The language client, once started; undefined when Java was not found or the server stopped. */
  client(): LanguageClient | undefined;
  /** Resolves when the server has answered `initialize` (or rejects when it could not start). */
  whenStarted(): Promise<void>;
  /** The status bar item's current text and tooltip. */
  statusBar(): StatusView;
  /** The last `$/lean3Assist/status` the server sent, if any. */
  lastStatus(): StatusParams | undefined;
  /** The ids of the commands this extension registered itself. */
  registeredCommands(): readonly string[];
  /** The Lean 3 Assist panel: whether it is open and the report it draws. */
  panel(): PanelView;
}

const SERVER_JAR = path.join('server', 'lean3-assist.jar');

export async function activate(context: vscode.ExtensionContext): Promise<Lean3AssistApi> {
  const assist = new Lean3Assist(context);
  context.subscriptions.push(assist);
  assist.start();
  return {
    client: () => assist.client,
    whenStarted: () => assist.started,
    statusBar: () => assist.view,
    lastStatus: () => assist.status,
    registeredCommands: () => assist.commandIds,
    panel: () => assist.panel.view(),
  };
}

export function deactivate(): Promise<void> | undefined {
  return current?.stop();
}

let current: Lean3Assist | undefined;

class Lean3Assist implements vscode.Disposable {
  client: LanguageClient | undefined;
  started: Promise<void> = Promise.resolve();
  status: StatusParams | undefined;
  view: StatusView = statusView('starting', undefined);
  readonly commandIds: string[] = [];

  private readonly output = vscode.window.createOutputChannel(COMMAND_CATEGORY);
  private readonly statusItem = vscode.window.createStatusBarItem(`${NAMESPACE}.status`, vscode.StatusBarAlignment.Left, 0);
  readonly panel = new SuggestionsPanel(() => this.client, (line) => this.output.appendLine(line));
  private readonly disposables: vscode.Disposable[] = [this.output, this.statusItem, this.panel];

  constructor(private readonly context: vscode.ExtensionContext) {
    current = this;
    this.statusItem.name = COMMAND_CATEGORY;
    this.statusItem.command = Commands.showOutput;
    this.show('starting');
    const table: CommandTable = {
      [Commands.suggestTactic]: () => this.suggestTactic(),
      [Commands.convertSelection]: () => this.convertSelection(),
      [Commands.explainStatement]: () => this.explainStatement(),
      [Commands.proveWithSearch]: () => this.proveWithSearch(),
      [Commands.solveSelection]: () => this.solveSelection(),
      [Commands.showPanel]: () => this.panel.show(),
      [Commands.restartLean]: () => this.restartLean(),
      [Commands.showOutput]: () => this.output.show(true),
    };
    for (const registration of registerCommands(table, (id, handler) => {
      this.commandIds.push(id);
      return vscode.commands.registerCommand(id, handler);
    })) {
      this.disposables.push(registration as vscode.Disposable);
    }
    this.openPanelWithFirstLeanFile();
  }

  /** With `lean3Assist.panel.openOnStart`, the panel opens beside the first Lean file shown. */
  private openPanelWithFirstLeanFile(): void {
    if (!vscode.workspace.getConfiguration().get<boolean>(Settings.panelOpenOnStart, false)) {
      return;
    }
    if (vscode.window.activeTextEditor?.document.languageId === 'lean') {
      this.panel.show();
      return;
    }
    const waiting = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.languageId === 'lean') {
        waiting.dispose();
        this.panel.show();
      }
    });
    this.disposables.push(waiting);
  }

  /** Starts the server; `started` settles when it has answered `initialize`. */
  start(): void {
    this.started = this.startClient();
    // Failures are reported in the status bar and the output; callers of `whenStarted` see them too.
    this.started.catch((error) => this.output.appendLine(`Lean 3 Assist did not start: ${String(error)}`));
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) {
      await client.stop();
    }
  }

  dispose(): void {
    void this.stop();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    if (current === this) {
      current = undefined;
    }
  }

  private show(phase: ClientPhase, problem?: string): void {
    this.view = statusView(phase, this.status, problem);
    this.statusItem.text = this.view.text;
    this.statusItem.tooltip = this.view.tooltip;
    this.statusItem.backgroundColor = this.view.problem ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.statusItem.show();
  }

  private async startClient(): Promise<void> {
    this.status = undefined;
    this.show('starting');
    const java = await findJava(vscode.workspace.getConfiguration().get<string>(Settings.javaHome, ''));
    if ('problem' in java) {
      this.fail('noJava', java.problem);
      throw new Error(java.problem);
    }
    const jar = this.context.asAbsolutePath(SERVER_JAR);
    if (!fs.existsSync(jar)) {
      const problem = `Lean 3 Assist: the server jar is missing at ${jar}. Reinstall the extension's .vsix.`;
      this.fail('stopped', problem);
      throw new Error(problem);
    }
    this.output.appendLine(`Starting the server with ${java.executable} (Java ${java.version}).`);
    const serverOptions: ServerOptions = { command: java.executable, args: ['-Xss4m', '-jar', jar, 'lsp'] };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'lean' }],
      outputChannel: this.output,
      synchronize: { configurationSection: NAMESPACE },
      initializationOptions: () => serverSettingsTree((key) => vscode.workspace.getConfiguration().get(key)),
    };
    const client = new LanguageClient(NAMESPACE, COMMAND_CATEGORY, serverOptions, clientOptions);
    this.client = client;
    this.disposables.push(
      client.onDidChangeState((event) => {
        if (this.client !== client) {
          return;
        }
        this.show(event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped');
      }),
      client.onNotification(STATUS_METHOD, (status: StatusParams) => {
        this.status = status;
        this.show('running');
      }),
      this.panel.attach(client),
    );
    try {
      await client.start();
    } catch (error) {
      this.fail('stopped', `Lean 3 Assist: the server did not start: ${String(error)}`);
      throw error;
    }
    this.show('running');
  }

  private fail(phase: ClientPhase, problem: string): void {
    this.output.appendLine(problem);
    this.show(phase, problem);
    void vscode.window.showErrorMessage(problem, 'Show Output').then((choice) => {
      if (choice) {
        this.output.show(true);
      }
    });
  }

  /** The running client, or undefined after telling the user why there is none. */
  private runningClient(): LanguageClient | undefined {
    if (this.client?.state === State.Running) {
      return this.client;
    }
    void vscode.window.showWarningMessage('Lean 3 Assist: the server is not running. Run "Lean 3 Assist: Restart Lean".');
    return undefined;
  }

  /** The active Lean editor and the running client, or undefined after telling the user which is missing. */
  private leanEditorWithClient(): { editor: vscode.TextEditor; client: LanguageClient } | undefined {
    const editor = this.leanEditor();
    const client = editor && this.runningClient();
    return editor && client ? { editor, client } : undefined;
  }

  private leanEditor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'lean') {
      return editor;
    }
    void vscode.window.showWarningMessage('Lean 3 Assist: open a Lean file first.');
    return undefined;
  }

  private executeOnServer<R>(client: LanguageClient, command: string, args: unknown[], token?: vscode.CancellationToken): Promise<R> {
    return client.sendRequest<R>('workspace/executeCommand', { command, arguments: args }, token);
  }

  /**
   * Runs a server command under a progress notification. A refusal (no model configured, Lean
   * missing) is shown as the server worded it, and gives undefined.
   */
  private async serverCommand<R>(client: LanguageClient, title: string, command: string, args: unknown[]): Promise<{ result: R | null } | undefined> {
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (_progress, token) => this.executeOnServer<R | null>(client, command, args, token),
      );
      return { result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`${command} failed: ${message}`);
      void vscode.window.showErrorMessage(`Lean 3 Assist: ${message}`);
      return undefined;
    }
  }

  /** Suggest next tactic: a quick pick of the verified tactics at the cursor; the pick is inserted. */
  private async suggestTactic(): Promise<string | undefined> {
    const target = this.leanEditorWithClient();
    if (!target) {
      return undefined;
    }
    const { editor, client } = target;
    const document = editor.document;
    const selection = editor.selection;
    const params: SuggestTacticsParams = { uri: document.uri.toString(), position: toPosition(selection.active) };
    const answer = await this.serverCommand<SuggestTacticsResult>(client, 'Lean 3 Assist: checking tactics with Lean…', ServerCommands.suggestTactics, [params]);
    if (!answer) {
      return undefined;
    }
    const { picks, empty } = tacticPicks(answer.result);
    if (empty) {
      void vscode.window.showInformationMessage(empty);
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(picks, {
      title: 'Lean 3 Assist: verified tactics',
      placeHolder: 'Pick a tactic to insert at the cursor',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!pick) {
      return undefined;
    }
    // The server's own "Insert `tactic`" code action knows where the tactic goes (before the one at
    // the cursor, with its comma); without it, the tactic replaces the selection.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
      'vscode.executeCodeActionProvider', document.uri, new vscode.Range(selection.active, selection.active));
    const insert = actions?.find((action) => action.title.startsWith(insertActionTitlePrefix(pick.tactic)) && action.edit);
    let edit = insert?.edit;
    if (!edit) {
      edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, selection, pick.tactic);
    }
    await vscode.workspace.applyEdit(edit);
    return pick.tactic;
  }

  /** Convert selection to Lean 3: inserts the first statement Lean accepted, or shows Lean's error. */
  private async convertSelection(): Promise<FormalizeOutcome | undefined> {
    const target = this.leanEditorWithClient();
    if (!target) {
      return undefined;
    }
    const { editor, client } = target;
    const document = editor.document;
    const selection = editor.selection;
    const text = document.getText(selection).trim();
    if (text === '') {
      void vscode.window.showWarningMessage('Lean 3 Assist: select the informal statement to convert first.');
      return undefined;
    }
    const params: FormalizeParams = { text, uri: document.uri.toString(), position: toPosition(selection.end) };
    const answer = await this.serverCommand<FormalizeResult>(client, 'Lean 3 Assist: converting to Lean 3…', ServerCommands.formalize, [params]);
    if (!answer) {
      return undefined;
    }
    const outcome = formalizeOutcome(answer.result);
    this.output.appendLine(`Convert selection: ${JSON.stringify(answer.result)} -> ${outcome.kind}`);
    if (outcome.kind === 'error') {
      void vscode.window.showErrorMessage(outcome.message);
      return outcome;
    }
    const lastLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
    const at = insertionAfter(lastLine, document.lineAt(lastLine).text.length, document.lineCount, outcome.statement);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(at.line, at.character), at.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Lean 3 Assist: could not insert \`${outcome.statement}\` into ${document.uri.fsPath}.`);
    }
    return outcome;
  }

  /**
   * Solve selected problem and check in Lean: the selection (or a typed question) goes to the server's solve;
   * the answer, marked checked only when Lean proved a statement that gives it, is shown, and the whole report
   * opens beside the file.
   */
  private async solveSelection(): Promise<SolveResult | undefined> {
    const target = this.leanEditorWithClient();
    if (!target) {
      return undefined;
    }
    const { editor, client } = target;
    const selection = editor.selection;
    let question = editor.document.getText(selection).trim();
    if (question === '') {
      question = (await vscode.window.showInputBox({ prompt: 'Lean 3 Assist: the word problem to solve' }))?.trim() ?? '';
    }
    if (question === '') {
      return undefined;
    }
    const params: SolveParams = { question, uri: editor.document.uri.toString(), position: toPosition(selection.start) };
    const answer = await this.serverCommand<SolveResult>(client, 'Lean 3 Assist: solving and checking in Lean…', ServerCommands.solve, [params]);
    if (!answer || !answer.result) {
      return undefined;
    }
    const summary = solveSummary(answer.result);
    this.output.appendLine(`Solve: ${JSON.stringify(answer.result)}`);
    const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: solveReport(answer.result) });
    await vscode.window.showTextDocument(report, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    if (summary.checked) {
      void vscode.window.showInformationMessage(summary.message);
    } else {
      void vscode.window.showWarningMessage(summary.message);
    }
    return answer.result;
  }

  /** Explain Lean statement: the selection (or the cursor's line) in words, in a message. */
  private async explainStatement(): Promise<string | undefined> {
    const target = this.leanEditorWithClient();
    if (!target) {
      return undefined;
    }
    const { editor, client } = target;
    const selection = editor.selection;
    const statement = (selection.isEmpty ? editor.document.lineAt(selection.active.line).text : editor.document.getText(selection)).trim();
    if (statement === '') {
      void vscode.window.showWarningMessage('Lean 3 Assist: select a Lean statement to explain first.');
      return undefined;
    }
    const params: InformalizeParams = { statement };
    const answer = await this.serverCommand<InformalizeResult>(client, 'Lean 3 Assist: explaining…', ServerCommands.informalize, [params]);
    if (!answer) {
      return undefined;
    }
    const text = answer.result?.text ?? 'Lean 3 Assist: no explanation was produced.';
    this.output.appendLine(`Explanation of ${statement}:\n${text}`);
    void vscode.window.showInformationMessage(text);
    return text;
  }

  /**
   * Prove with search: the server's best-first search from the cursor's tactic; a proof (which Lean
   * checked whole) replaces that tactic and the rest of its block.
   */
  private async proveWithSearch(): Promise<ProveOutcome | undefined> {
    const target = this.leanEditorWithClient();
    if (!target) {
      return undefined;
    }
    const { editor, client } = target;
    const document = editor.document;
    const version = document.version;
    const params: ProveParams = { uri: document.uri.toString(), position: toPosition(editor.selection.active) };
    const answer = await this.serverCommand<ProveResult>(client, 'Lean 3 Assist: searching for a proof…', ServerCommands.prove, [params]);
    if (!answer) {
      return undefined;
    }
    const outcome = proveOutcome(answer.result);
    this.output.appendLine(`Prove with search: ${JSON.stringify(answer.result)}`);
    if (outcome.kind === 'none') {
      void vscode.window.showInformationMessage(outcome.message);
      return outcome;
    }
    if (document.version !== version) {
      void vscode.window.showWarningMessage(`Lean 3 Assist: the file changed during the search; the proof was not inserted: ${outcome.proof}`);
      return outcome;
    }
    const { start, end } = outcome.edit.range;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start.line, start.character, end.line, end.character), outcome.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Lean 3 Assist: could not insert the proof \`${outcome.proof}\`.`);
      return outcome;
    }
    void vscode.window.showInformationMessage(outcome.message);
    return outcome;
  }

  /** Restart Lean: asks the server to restart its Lean process; restarts the server itself if it is not running. */
  private async restartLean(): Promise<void> {
    const client = this.client;
    if (client?.state === State.Running) {
      await this.serverCommand<null>(client, 'Lean 3 Assist: restarting Lean…', ServerCommands.restartLean, []);
      return;
    }
    await this.stop();
    this.start();
    await this.started;
  }
}

function toPosition(position: vscode.Position): { line: number; character: number } {
  return { line: position.line, character: position.character };
}

async function findJava(setting: string): Promise<{ executable: string; version: number } | { problem: string }> {
  const candidates = javaCandidates({ setting, javaHome: process.env.JAVA_HOME });
  let problem = '';
  for (const executable of candidates) {
    const version = await javaVersion(executable);
    const candidateProblem = javaProblem(executable, version);
    if (candidateProblem === undefined && version !== undefined) {
      return { executable, version };
    }
    problem = problem || (candidateProblem ?? '');
  }
  return { problem };
}

function javaVersion(executable: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(executable, ['-version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      resolve(error ? undefined : parseJavaVersion(`${stderr}\n${stdout}`));
    });
  });
}
