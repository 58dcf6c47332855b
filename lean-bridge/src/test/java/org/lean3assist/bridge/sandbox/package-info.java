/**
 * Tests of the sandbox, each an attack beside the defence that stops it and a positive control
 * that shows the attack would succeed without that defence. The confinement tests run real
 * bubblewrap and are skipped, visibly, where it does not work; the mode, spec, command-line and
 * probe tests run everywhere.
 */
package org.lean3assist.bridge.sandbox;
