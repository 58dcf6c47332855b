import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import { keepsEntry, TARGETS, trimJar } from '../../natives';

// The native entries of the real server jar (ONNX Runtime 1.23 and DJL tokenizers 0.36), one per folder.
const NATIVES = [
  'ai/onnxruntime/native/linux-x64/libonnxruntime.so',
  'ai/onnxruntime/native/linux-aarch64/libonnxruntime.so',
  'ai/onnxruntime/native/osx-x64/libonnxruntime.dylib',
  'ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib',
  'ai/onnxruntime/native/win-x64/onnxruntime.dll',
  'native/lib/linux-x86_64/cpu/libtokenizers.so',
  'native/lib/linux-aarch64/cpu/libtokenizers.so',
  'native/lib/osx-aarch64/cpu/libtokenizers.dylib',
  'native/lib/win-x86_64/cpu/tokenizers.dll',
];
const OTHERS = ['META-INF/MANIFEST.MF', 'org/lean3assist/cli/Main.class', 'native/lib/tokenizers.properties', 'model/tiny/model.onnx'];

async function writeZip(file: string, entries: string[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of entries) {
    zip.addBuffer(Buffer.from(`contents of ${name}`), name);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject));
}

async function readZip(file: string): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))));
  const contents = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('end', resolve).on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => zip.openReadStream(entry, (error, stream) => {
      if (error) {
        reject(error);
        return;
      }
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => {
        contents.set(entry.fileName, text);
        zip.readEntry();
      });
    }));
    zip.readEntry();
  });
  zip.close();
  return contents;
}

describe('per-platform packaging', () => {
  it('keeps, for each target, its own two native libraries and everything that is not native', () => {
    for (const target of Object.keys(TARGETS)) {
      const kept = NATIVES.filter((entry) => keepsEntry(entry, target));
      assert.strictEqual(kept.length, 2, `${target}: ${kept}`);
      assert.ok(kept.some((entry) => entry.startsWith('ai/onnxruntime/')), target);
      assert.ok(kept.some((entry) => entry.startsWith('native/lib/')), target);
      assert.ok(OTHERS.every((entry) => keepsEntry(entry, target)), target);
    }
  });

  it('refuses an unknown target and names the known ones', () => {
    assert.throws(() => keepsEntry('a.class', 'darwin-x64'), /unknown target 'darwin-x64'; known: linux-x64, linux-arm64/);
    assert.throws(() => keepsEntry('a.class', 'toString'), /unknown target 'toString'/);
  });

  it('writes a jar without the other platforms\' natives and with every other entry intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lean3-assist-natives-'));
    const input = path.join(dir, 'universal.jar');
    const output = path.join(dir, 'linux-x64.jar');
    await writeZip(input, [...OTHERS.slice(0, 2), ...NATIVES, ...OTHERS.slice(2)]);

    const result = await trimJar(input, output, 'linux-x64');

    assert.deepStrictEqual(result, { kept: OTHERS.length + 2, dropped: NATIVES.length - 2 });
    const contents = await readZip(output);
    assert.deepStrictEqual([...contents.keys()], [
      ...OTHERS.slice(0, 2),
      'ai/onnxruntime/native/linux-x64/libonnxruntime.so',
      'native/lib/linux-x86_64/cpu/libtokenizers.so',
      ...OTHERS.slice(2),
    ]);
    for (const [name, text] of contents) {
      assert.strictEqual(text, `contents of ${name}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
