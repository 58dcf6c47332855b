// Per-platform packaging: the server jar carries ONNX Runtime's and the tokenizer's native libraries
// for every platform; a .vsix for one VS Code target needs only that target's. Used by
// package-vsix.mjs at packaging time, never by the extension at run time.
import * as fs from 'fs';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';

/** The native folders inside the jar that one VS Code target needs. */
interface NativeFolders {
  /** Under `ai/onnxruntime/native/`. */
  readonly onnxruntime: string;
  /** Under `native/lib/` (DJL's Hugging Face tokenizers). */
  readonly tokenizers: string;
}

/**
 * The VS Code targets (`vsce package --target`) a trimmed .vsix can be built for. There is no
 * `darwin-x64`: DJL ships no tokenizer library for Intel macs, so those users need the universal
 * .vsix (whose model then reports the missing library) or a remote model.
 */
export const TARGETS: Readonly<Record<string, NativeFolders>> = {
  'linux-x64': { onnxruntime: 'linux-x64', tokenizers: 'linux-x86_64' },
  'linux-arm64': { onnxruntime: 'linux-aarch64', tokenizers: 'linux-aarch64' },
  'darwin-arm64': { onnxruntime: 'osx-aarch64', tokenizers: 'osx-aarch64' },
  'win32-x64': { onnxruntime: 'win-x64', tokenizers: 'win-x86_64' },
};

const NATIVE_ROOTS: readonly [RegExp, keyof NativeFolders][] = [
  [/^ai\/onnxruntime\/native\/([^/]+)\//, 'onnxruntime'],
  [/^native\/lib\/([^/]+)\//, 'tokenizers'],
];

/** The target's folders; throws, naming the known targets, for any other. */
export function nativeFoldersOf(target: string): NativeFolders {
  const folders = Object.prototype.hasOwnProperty.call(TARGETS, target) ? TARGETS[target] : undefined;
  if (!folders) {
    throw new Error(`unknown target '${target}'; known: ${Object.keys(TARGETS).join(', ')}`);
  }
  return folders;
}

/** Whether a jar entry belongs in the jar for `target`: everything but other platforms' natives. */
export function keepsEntry(entry: string, target: string): boolean {
  const folders = nativeFoldersOf(target);
  for (const [pattern, library] of NATIVE_ROOTS) {
    const match = pattern.exec(entry);
    if (match) {
      return match[1] === folders[library];
    }
  }
  return true;
}

/** What {@link trimJar} did. */
export interface TrimResult {
  readonly kept: number;
  readonly dropped: number;
}

/**
 * Copies the jar at `input` to `output` without other platforms' native libraries. Entries keep
 * their order, names and modification times; each is compressed anew.
 */
export async function trimJar(input: string, output: string, target: string): Promise<TrimResult> {
  nativeFoldersOf(target);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(input, { lazyEntries: true, autoClose: true }, (error, file) => (error ? reject(error) : resolve(file))));
  const trimmed = new yazl.ZipFile();
  const written = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(output);
    out.on('close', resolve);
    out.on('error', reject);
    trimmed.outputStream.on('error', reject).pipe(out);
  });
  let kept = 0;
  let dropped = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (!keepsEntry(name, target)) {
        dropped++;
        zip.readEntry();
      } else if (name.endsWith('/')) {
        trimmed.addEmptyDirectory(name, { mtime: entry.getLastModDate() });
        kept++;
        zip.readEntry();
      } else {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) {
            reject(error ?? new Error(`cannot read ${name}`));
            return;
          }
          trimmed.addReadStream(stream, name, { mtime: entry.getLastModDate(), size: entry.uncompressedSize });
          kept++;
          stream.on('end', () => zip.readEntry());
        });
      }
    });
    zip.readEntry();
  });
  trimmed.end();
  await written;
  return { kept, dropped };
}
