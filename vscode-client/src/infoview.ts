// The Lean 3 Assist panel in VS Code: a webview beside the editor that follows the cursor. It sends
// `$/lean3Assist/follow` as the cursor moves (debounced) and after edits, draws each
// `$/lean3Assist/suggestions` report the pure rules of panel.ts keep, and turns its buttons into
// the server's edits or a `$/lean3Assist/stopSearch`. It decides nothing about Lean itself.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { accept, editFor, EMPTY_PANEL, followed, isPanelAction, PanelAction, PanelState, renderPanel } from './panel';
import {
  FOLLOW_METHOD,
  FollowParams,
  FollowResult,
  STOP_SEARCH_METHOD,
  StopSearchParams,
  StopSearchResult,
  SUGGESTIONS_METHOD,
  SuggestionsReport,
} from './protocol';

/** How long the cursor rests before the panel follows it. */
const FOLLOW_DELAY_MS = 250;

/** What the end-to-end test reads of the panel. */
export interface PanelView {
  open: boolean;
  /** The report drawn now, if any. */
  report: SuggestionsReport | undefined;
  /** How many reports were drawn, and how many dropped as stale. */
  drawn: number;
  dropped: number;
}

export class SuggestionsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: PanelState = EMPTY_PANEL;
  private timer: NodeJS.Timeout | undefined;
  private drawn = 0;
  private dropped = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined, private readonly log: (line: string) => void) {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document.languageId === 'lean') {
          this.followSoon();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'lean') {
          this.followSoon();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document && event.document.languageId === 'lean') {
          // The reports shown are of the old text: follow the place in the new one.
          this.followSoon();
        }
      }),
    );
  }

  /** Subscribes to the server's reports; called once a client is running. */
  attach(client: LanguageClient): vscode.Disposable {
    const listening = client.onNotification(SUGGESTIONS_METHOD, (report: SuggestionsReport) => this.received(report));
    if (this.panel) {
      this.followSoon();
    }
    return listening;
  }

  /** Opens the panel beside the editor (or reveals it) and follows the cursor. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      this.followSoon();
      return;
    }
    const panel = vscode.window.createWebviewPanel('lean3Assist.panel', 'Lean 3 Assist',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] });
    this.panel = panel;
    panel.webview.html = shell(panel.webview.cspSource, nonce());
    panel.webview.onDidReceiveMessage((message) => this.clicked(message), undefined, this.disposables);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.state = EMPTY_PANEL;
      this.unfollow();
    }, undefined, this.disposables);
    this.draw();
    this.followSoon();
  }

  view(): PanelView {
    return { open: this.panel !== undefined, report: this.state.report, drawn: this.drawn, dropped: this.dropped };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }

  private followSoon(): void {
    if (!this.panel) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.follow(), FOLLOW_DELAY_MS);
  }

  private async follow(): Promise<void> {
    const client = this.client();
    const editor = vscode.window.activeTextEditor;
    if (!this.panel || !client || !client.isRunning() || editor?.document.languageId !== 'lean') {
      return;
    }
    const params: FollowParams = {
      textDocument: { uri: editor.document.uri.toString() },
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    };
    try {
      const result = await client.sendRequest<FollowResult>(FOLLOW_METHOD, params);
      this.state = followed(this.state, result.subscription);
    } catch (error) {
      this.log(`${FOLLOW_METHOD} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private unfollow(): void {
    const client = this.client();
    if (client?.isRunning()) {
      const params: FollowParams = { textDocument: null, position: null };
      client.sendRequest<FollowResult>(FOLLOW_METHOD, params).catch(() => undefined);
    }
  }

  private received(report: SuggestionsReport): void {
    if (!this.panel) {
      return;
    }
    const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === report.uri);
    const next = accept(this.state, report, document?.version);
    if (!next) {
      this.dropped++;
      return;
    }
    this.state = next;
    this.draw();
  }

  private draw(): void {
    if (this.panel) {
      this.drawn++;
      void this.panel.webview.postMessage({ type: 'render', html: renderPanel(this.state.report) });
    }
  }

  private async clicked(message: unknown): Promise<void> {
    if (!isPanelAction(message)) {
      this.log(`the panel posted a message it should not: ${JSON.stringify(message)}`);
      return;
    }
    if (message.action === 'stopSearch') {
      await this.stopSearch(message);
      return;
    }
    const found = editFor(this.state, message);
    const document = found && vscode.workspace.textDocuments.find((open) => open.uri.toString() === found.uri);
    if (!found || !document || document.version !== found.version) {
      void vscode.window.showWarningMessage('Lean 3 Assist: the file changed since Lean checked this; wait for the panel to catch up.');
      return;
    }
    const { start, end } = found.edit.range;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start.line, start.character, end.line, end.character), found.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Lean 3 Assist: could not insert \`${found.text}\`.`);
    }
  }

  private async stopSearch(action: Extract<PanelAction, { action: 'stopSearch' }>): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) {
      return;
    }
    const params: StopSearchParams = { subscription: action.subscription };
    const result = await client.sendRequest<StopSearchResult>(STOP_SEARCH_METHOD, params);
    this.log(`stop search: ${result.stopped ? 'stopped' : 'none was running'}`);
  }
}

/** The script nonce of the page's content security policy: unguessable, so only the panel's own script runs. */
function nonce(): string {
  return randomBytes(24).toString('base64');
}

/**
 * The webview's page: theme colours from VS Code's CSS variables (light, dark and high contrast
 * alike), native buttons for keyboard use, and a script that only draws what it is sent and posts
 * back which button was pressed. No remote content: the content security policy allows none.
 */
function shell(cspSource: string, scriptNonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${scriptNonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Lean 3 Assist</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px; }
  h2 { font-size: 1.05em; margin: 14px 0 6px; font-weight: 600; }
  .note, .where { font-weight: normal; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
  code, pre, .hyp, .target { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  .goal { border-left: 3px solid var(--vscode-textLink-foreground); padding: 4px 8px; margin: 6px 0; background: var(--vscode-textCodeBlock-background); }
  .goal-heading { color: var(--vscode-descriptionForeground); margin-bottom: 2px; }
  .hyps { list-style: none; margin: 0; padding: 0; }
  .names { color: var(--vscode-symbolIcon-variableForeground, var(--vscode-textLink-foreground)); font-weight: 600; }
  .target { margin-top: 4px; padding-top: 4px; border-top: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  .turnstile { color: var(--vscode-textLink-foreground); font-weight: 600; }
  .suggestions { list-style: none; margin: 0; padding: 0; }
  .suggestion { margin: 4px 0; }
  .suggestion.closes .verdict { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
  .verdict { color: var(--vscode-descriptionForeground); }
  .phase { color: var(--vscode-descriptionForeground); font-style: italic; }
  pre { white-space: pre-wrap; margin: 4px 0; }
  button { font-family: var(--vscode-font-family); color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 1px 8px; margin-right: 6px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
</style>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${scriptNonce}">
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'render') {
      // Keep the keyboard focus on the same button across redraws.
      const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset : undefined;
      const key = focused && focused.action ? focused.action + ':' + (focused.index || '') : undefined;
      root.innerHTML = event.data.html;
      if (key) {
        const again = Array.from(root.querySelectorAll('button')).find((button) => button.dataset.action + ':' + (button.dataset.index || '') === key);
        if (again) { again.focus(); }
      }
    }
  });
  root.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) { return; }
    const data = button.dataset;
    if (data.action === 'stopSearch') {
      vscode.postMessage({ action: 'stopSearch', subscription: Number(data.subscription) });
    } else if (data.action === 'insertProof') {
      vscode.postMessage({ action: 'insertProof', sequence: Number(data.sequence) });
    } else if (data.action === 'insert') {
      vscode.postMessage({ action: 'insert', index: Number(data.index), sequence: Number(data.sequence) });
    }
  });
</script>
</body>
</html>`;
}
