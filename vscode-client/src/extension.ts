// The VS Code side of Lean 3 Assist: finds Java, starts the server jar, and registers the commands.
// All language logic lives in the Java server; this file only wires VS Code to it.
import { execFile } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { javaCandidates, javaProblem, parseJavaVersion } from './java';
import { Commands, NAMESPACE, Settings } from './protocol';

/** What `activate` returns; end-to-end tests use it to reach the running client. */
export interface Lean3AssistApi {
  client(): LanguageClient | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<Lean3AssistApi> {
  const output = vscode.window.createOutputChannel('Lean 3 Assist');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(Commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      await client?.stop();
      client = await startClient(context, output);
    }),
  );
  client = await startClient(context, output);
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

async function startClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<LanguageClient | undefined> {
  const settings = vscode.workspace.getConfiguration();
  const java = await findJava(settings.get<string>(Settings.javaHome, ''));
  if ('problem' in java) {
    output.appendLine(java.problem);
    void vscode.window.showErrorMessage(java.problem);
    return undefined;
  }
  const jar = context.asAbsolutePath(path.join('server', 'lean3-assist.jar'));
  const serverOptions: ServerOptions = { command: java.executable, args: ['-Xss4m', '-jar', jar, 'lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'lean' }],
    outputChannel: output,
    synchronize: { configurationSection: NAMESPACE },
  };
  const languageClient = new LanguageClient(NAMESPACE, 'Lean 3 Assist', serverOptions, clientOptions);
  await languageClient.start();
  return languageClient;
}

async function findJava(setting: string): Promise<{ executable: string } | { problem: string }> {
  const candidates = javaCandidates({ setting, javaHome: process.env.JAVA_HOME });
  let problem = '';
  for (const executable of candidates) {
    const version = await javaVersion(executable);
    const candidateProblem = javaProblem(executable, version);
    if (candidateProblem === undefined) {
      return { executable };
    }
    problem = problem || candidateProblem;
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
