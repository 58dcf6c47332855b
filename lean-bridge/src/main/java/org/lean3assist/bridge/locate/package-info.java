/**
 * Finding a Lean 3 to run and the project it runs in: {@link org.lean3assist.bridge.locate.LeanLocator}
 * tries an explicit path, {@code LEAN3_HOME}, {@code PATH} and elan's toolchains and accepts only
 * a {@code lean} whose {@code --version} says 3.x; {@link org.lean3assist.bridge.locate.ProjectRoots}
 * finds the leanpkg project a file belongs to.
 */
package org.lean3assist.bridge.locate;
