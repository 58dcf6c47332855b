// Packages the extension as lean3-assist.vsix with the server jar inside, so it installs offline.
// Maven runs it in the `package` phase, after lsp-server has built the jar and `npm run build` the
// bundle. Usage: node package-vsix.mjs [path/to/lean3-assist.jar]
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.dirname(fileURLToPath(import.meta.url));
const jar = path.resolve(root, process.argv[2] ?? '../lsp-server/target/lean3-assist.jar');
const bundle = path.join(root, 'dist', 'extension.js');

for (const [file, hint] of [[jar, 'build lsp-server first (./mvnw -B package)'], [bundle, 'run `npm run build` first']]) {
  if (!fs.existsSync(file)) {
    console.error(`package-vsix: ${file} is missing; ${hint}.`);
    process.exit(1);
  }
}
// server/ is git-ignored; it holds only the copy that goes into the .vsix.
fs.mkdirSync(path.join(root, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(root, 'server', 'lean3-assist.jar'));

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [
  vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', 'lean3-assist.vsix',
], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
