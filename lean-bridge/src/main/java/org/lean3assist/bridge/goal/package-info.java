/**
 * Lean 3 tactic states as data: the raw text of an {@code info} record's {@code state} parsed
 * into goals, each with its optional {@code case} tag, its grouped hypotheses and its target,
 * and rendered back to exactly Lean's text.
 */
package org.lean3assist.bridge.goal;
