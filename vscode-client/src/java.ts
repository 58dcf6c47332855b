// Finding a Java runtime for the server. Pure logic, so it is tested without VS Code.
import * as path from 'path';

export const MINIMUM_JAVA = 17;

/** Where a `java` executable may come from, in the order they are tried. */
export interface JavaSources {
  /** The `lean3Assist.java.home` setting; empty when unset. */
  setting: string;
  /** The `JAVA_HOME` environment variable, if set. */
  javaHome: string | undefined;
}

/** The candidate executables, most explicit first; the last one relies on the PATH. */
export function javaCandidates(sources: JavaSources, platform: NodeJS.Platform = process.platform): string[] {
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  const candidates: string[] = [];
  for (const home of [sources.setting, sources.javaHome]) {
    if (home && home.trim() !== '') {
      candidates.push(path.join(home.trim(), 'bin', exe));
    }
  }
  candidates.push(exe);
  return candidates;
}

/**
 * The feature version from `java -version` output (written to stderr), such as 17 for
 * `openjdk version "17.0.15"` or 8 for `java version "1.8.0_392"`; undefined if there is none.
 */
export function parseJavaVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) {
    return undefined;
  }
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** What to tell the user when no suitable Java was found; undefined when `version` is fine. */
export function javaProblem(executable: string, version: number | undefined): string | undefined {
  if (version === undefined) {
    return `Lean 3 Assist needs Java ${MINIMUM_JAVA} or newer, and '${executable}' could not be run. ` +
      `Install a JDK (for example Temurin ${MINIMUM_JAVA}+) or set 'lean3Assist.java.home'.`;
  }
  if (version < MINIMUM_JAVA) {
    return `Lean 3 Assist needs Java ${MINIMUM_JAVA} or newer, but '${executable}' is Java ${version}. ` +
      `Install a newer JDK or point 'lean3Assist.java.home' at one.`;
  }
  return undefined;
}
