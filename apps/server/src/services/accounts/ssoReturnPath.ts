/** Where the console lives; an SSO sign-in lands here unless it asked for a page of its own. */
export const CONSOLE_PATH = '/console/';

/**
 * The page to return to after a single sign-on, if it is a path on this server: one leading
 * slash (not `//host` nor `/\host`, which browsers read as another host), printable ASCII,
 * short. Anything else, absolute URLs included, returns to the console: never an open redirect.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return CONSOLE_PATH;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return CONSOLE_PATH;
  return value;
}
