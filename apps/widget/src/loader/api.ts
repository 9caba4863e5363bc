/**
 * `window.Parley`: the page's JS API. A site may call it before loader.js has run (the tag is
 * async) by leaving commands in a queue, in either of these shapes:
 *
 *   window.Parley = window.Parley || { q: [] };
 *   window.Parley.q.push(['open']);
 *
 *   window.Parley = window.Parley || function () { (window.Parley.q = window.Parley.q || []).push(arguments); };
 *   window.Parley('open');
 *
 * Once loaded, `Parley.open()`, `Parley('open')` and `Parley.q.push(['open'])` all run at once.
 * The commands (open, close, identify, setLanguage, on, off) are the table in loader.ts.
 */
export type Commands = Record<string, (...args: unknown[]) => unknown>;

export interface ParleyApi {
  (name: string, ...args: unknown[]): unknown;
  q: { push(...commands: ArrayLike<unknown>[]): number };
  loaded: true;
  [command: string]: unknown;
}

type MaybeQueued = { q?: unknown; loaded?: unknown } | undefined;

/** True when another copy of loader.js already installed the API on this page. */
export function alreadyLoaded(): boolean {
  return (window as { Parley?: MaybeQueued }).Parley?.loaded === true;
}

export function installApi(commands: Commands): void {
  const w = window as unknown as { Parley?: MaybeQueued | ParleyApi };
  const previous = w.Parley as MaybeQueued;
  const queued = previous && Array.isArray(previous.q) ? (previous.q as ArrayLike<unknown>[]) : [];

  const run = (command: ArrayLike<unknown>): unknown => {
    const [name, ...args] = Array.from(command);
    const fn =
      typeof name === 'string' && {}.hasOwnProperty.call(commands, name)
        ? commands[name]
        : undefined;
    return fn ? fn(...args) : undefined;
  };

  const api = ((name: string, ...args: unknown[]) => run([name, ...args])) as ParleyApi;
  for (const name of Object.keys(commands))
    api[name] = (...args: unknown[]) => run([name, ...args]);
  api.q = {
    push(...cmds) {
      cmds.forEach(run);
      return 0;
    },
  };
  api.loaded = true;
  w.Parley = api;
  queued.forEach(run);
}
