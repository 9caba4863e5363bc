/**
 * A short, soft two-note chime made with WebAudio (no sound file to download). Browsers keep
 * audio silent until the visitor has interacted with the frame, so the context is created on
 * first need and resumed on the visitor's first click or key press in the chat.
 */
let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
  } catch {
    return null;
  }
  return ctx;
}

/** Call from a user gesture: afterwards chimes may play even while the tab is hidden. */
export function unlockAudio(): void {
  const c = context();
  if (c?.state === 'suspended') void c.resume().catch(() => undefined);
}

export function chime(): void {
  const c = context();
  if (!c || c.state !== 'running') return;
  const t = c.currentTime;
  const gain = c.createGain();
  gain.connect(c.destination);
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.07, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.55);
  // A rising major sixth (E5 to C#6): noticeable, not alarming.
  for (const [freq, start] of [
    [659.25, 0],
    [1108.73, 0.11],
  ] as const) {
    const osc = c.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(freq, t + start);
    osc.connect(gain);
    osc.start(t + start);
    osc.stop(t + 0.6);
  }
}
