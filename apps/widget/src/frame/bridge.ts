import {
  BRIDGE_TAG,
  parseHostToFrame,
  type FrameToHost,
  type HostToFrame,
} from '@parley/protocol/bridge';

type Outgoing = FrameToHost extends infer M
  ? M extends { tag: string }
    ? Omit<M, 'tag'>
    : never
  : never;

/**
 * The frame's end of the postMessage bridge. It talks only to the host origin named in the
 * frame URL and only listens to its own parent window from that origin.
 */
export class HostBridge {
  constructor(private readonly host: string | null) {}

  /** Inside the loader's iframe with a usable host origin (not opened on its own). */
  get embedded(): boolean {
    return this.host !== null && window.parent !== window;
  }

  post(message: Outgoing): void {
    if (this.embedded) window.parent.postMessage({ tag: BRIDGE_TAG, ...message }, this.host!);
  }

  listen(handler: (message: HostToFrame) => void): void {
    window.addEventListener('message', (e) => {
      if (!this.host || e.origin !== this.host || e.source !== window.parent) return;
      const m = parseHostToFrame(e.data);
      if (m) handler(m);
    });
  }
}
