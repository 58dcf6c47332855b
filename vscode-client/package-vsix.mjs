// Packages the extension as a .vsix with the server jar inside, so it installs offline.
// Maven runs it in the `package` phase, after lsp-server has built the jar and `npm run build` the
// bundle and out/.
//
// Usage: node package-vsix.mjs [path/to/lean3-assist.jar] [--target=TARGET]
//   no target: lean3-assist.vsix, universal, with the natives of every platform (about 70 MB);
//   --target=linux-x64 (or linux-arm64, darwin-arm64, win32-x64): lean3-assist-TARGET.vsix for that
//   VS Code platform only, its jar without the other platforms' native libraries.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const target = (args.find((arg) => arg.startsWith('--target=')) ?? '--target=').slice('--target='.length);
const jarArgument = args.find((arg) => !arg.startsWith('--'));
const jar = path.resolve(root, jarArgument ?? '../lsp-server/target/lean3-assist.jar');
const bundle = path.join(root, 'dist', 'extension.js');
const natives = path.join(root, 'out', 'natives.js');

for (const [file, hint] of [[jar, 'build lsp-server first (./mvnw -B package)'], [bundle, 'run `npm run build` first'],
  [natives, 'run `npm run build` first']]) {
  if (!fs.existsSync(file)) {
    console.error(`package-vsix: ${file} is missing; ${hint}.`);
    process.exit(1);
  }
}
// server/ is git-ignored; it holds only the copy that goes into the .vsix.
fs.mkdirSync(path.join(root, 'server'), { recursive: true });
const packed = path.join(root, 'server', 'lean3-assist.jar');
const vsceArguments = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license'];
if (target) {
  const { trimJar } = createRequire(import.meta.url)(natives);
  try {
    const { kept, dropped } = await trimJar(jar, packed, target);
    console.log(`package-vsix: ${target}: kept ${kept} jar entries, dropped ${dropped} of other platforms' natives`);
  } catch (error) {
    console.error(`package-vsix: ${error.message}`);
    process.exit(1);
  }
  vsceArguments.push('--target', target, '--out', `lean3-assist-${target}.vsix`);
} else {
  fs.copyFileSync(jar, packed);
  vsceArguments.push('--out', 'lean3-assist.vsix');
}

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, ...vsceArguments], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
