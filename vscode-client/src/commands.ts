// The client's command table: one handler per contributed command. The table's type makes the
// compiler insist on a handler for every id in `Commands`; a unit test checks that registering the
// table registers exactly the commands package.json contributes.
import { CommandId, Commands } from './protocol';

export type CommandHandler = (...args: unknown[]) => unknown;

/** One handler for every client command, keyed by id. */
export type CommandTable = { readonly [id in CommandId]: CommandHandler };

/** Something disposable, like VS Code's `Disposable`, without importing VS Code. */
export interface DisposableLike {
  dispose(): unknown;
}

/**
 * Registers every command of `table` through `register` (VS Code's `commands.registerCommand` in the
 * extension, a recorder in tests) and returns the registrations, in the order of `Commands`.
 */
export function registerCommands(
  table: CommandTable,
  register: (id: string, handler: CommandHandler) => DisposableLike,
): DisposableLike[] {
  return Object.values(Commands).map((id) => register(id, table[id]));
}
