/**
 * Tells the agent the visitor is typing without flooding the socket: `true` at most once per
 * `throttleMs` while keys are pressed, `false` after `idleMs` without input or on send. Input
 * inside a throttle window gets one more `true` at its end, so that the last one sent (which
 * carries the sneak-peek text) is never more than `throttleMs` behind what was typed.
 */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class TypingNotifier {
  private lastTrueAt = -Infinity;
  private active = false;
  private idleTimer: unknown = null;
  private trailingTimer: unknown = null;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly timers: Timers = realTimers,
    private readonly throttleMs = 2000,
    private readonly idleMs = 3000,
  ) {}

  /** Call on every keystroke that changes the draft. */
  input(): void {
    const now = this.timers.now();
    if (!this.active || now - this.lastTrueAt >= this.throttleMs) {
      this.clearTrailing();
      this.emit(true);
      this.lastTrueAt = now;
    } else if (this.trailingTimer === null) {
      this.trailingTimer = this.timers.setTimeout(
        () => {
          this.trailingTimer = null;
          if (!this.active) return;
          this.emit(true);
          this.lastTrueAt = this.timers.now();
        },
        this.lastTrueAt + this.throttleMs - now,
      );
    }
    this.active = true;
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.timers.setTimeout(() => this.stop(), this.idleMs);
  }

  /** Call on send, on an emptied draft, or when the chat goes away. */
  stop(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.clearTrailing();
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }

  private clearTrailing(): void {
    if (this.trailingTimer !== null) this.timers.clearTimeout(this.trailingTimer);
    this.trailingTimer = null;
  }
}
