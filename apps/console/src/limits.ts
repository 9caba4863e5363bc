/**
 * Mirrors of protocol limits the UI enforces. Importing them from @parley/protocol would drag
 * its zod schemas into the bundle (that module builds them at load time), so they are copied
 * here and limits.test.ts keeps them equal.
 */
export const MAX_MESSAGE_CHARS = 5000;
