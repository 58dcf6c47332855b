/**
 * Prompt profiles, one per seed model family, with the templates from the model cards, and the parsers that turn
 * a model's raw output into one tactic, a theorem statement, or plain text.
 *
 * <p>Nothing here runs a model; {@link org.lean3assist.model.MathAssistant} combines a profile with a
 * {@link org.lean3assist.model.LanguageModel}.
 */
package org.lean3assist.model.prompt;
