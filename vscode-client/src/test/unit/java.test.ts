import * as assert from 'assert';
import * as path from 'path';
import { javaCandidates, javaProblem, parseJavaVersion } from '../../java';

describe('finding Java', () => {
  it('reads the feature version of modern and legacy version strings', () => {
    assert.strictEqual(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), 17);
    assert.strictEqual(parseJavaVersion('openjdk version "25" 2025-09-16'), 25);
    assert.strictEqual(parseJavaVersion('java version "1.8.0_392"'), 8);
    assert.strictEqual(parseJavaVersion('bash: java: command not found'), undefined);
  });

  it('tries the setting, then JAVA_HOME, then the PATH', () => {
    assert.deepStrictEqual(javaCandidates({ setting: '/jdks/21', javaHome: '/usr/lib/jvm/17' }, 'linux'), [
      path.join('/jdks/21', 'bin', 'java'),
      path.join('/usr/lib/jvm/17', 'bin', 'java'),
      'java',
    ]);
    assert.deepStrictEqual(javaCandidates({ setting: '  ', javaHome: undefined }, 'linux'), ['java']);
    assert.strictEqual(javaCandidates({ setting: '', javaHome: undefined }, 'win32')[0], 'java.exe');
  });

  it('explains a missing or old Java and accepts 17 or newer', () => {
    assert.match(javaProblem('java', undefined) ?? '', /could not be run.*lean3Assist\.java\.home/);
    assert.match(javaProblem('/old/bin/java', 11) ?? '', /is Java 11/);
    assert.strictEqual(javaProblem('java', 17), undefined);
    assert.strictEqual(javaProblem('java', 25), undefined);
  });
});
