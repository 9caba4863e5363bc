import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { strings } from '../strings';

/** A few dozen everyday emoji; the server turns typed :) and friends into emoji anyway. */
export const EMOJI = (
  '😀 😃 😄 😁 😆 😅 😂 🙂 😉 😊 😍 😘 😎 🤔 😐 😮 🙁 😢 😭 😡 ' +
  '😴 🤗 👍 👎 👏 🙏 👋 💪 👌 ✌️ 🤝 ❤️ 🔥 ⭐ ✨ 🎉 ✅ ❌ ❓ 💡'
).split(' ');

const COLUMNS = 8;

interface Props {
  onPick: (emoji: string) => void;
  /** Escape, or a click outside: focus goes back to the button that opened it. */
  onClose: () => void;
}

/**
 * The emoji grid: arrow keys move between emoji (one tab stop for the whole grid), Enter or a
 * click inserts one, Escape closes.
 */
export function EmojiPicker({ onPick, onClose }: Props) {
  const [active, setActive] = useState(0);
  const grid = useRef<HTMLDivElement>(null);

  // Before paint, so that a key pressed right after opening already lands in the grid.
  useLayoutEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);

  useEffect(() => {
    const outside = (e: PointerEvent) => {
      const t = e.target as Element | null;
      if (!grid.current?.contains(t) && !t?.closest('[data-emoji-toggle]')) onClose();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [onClose]);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(EMOJI.length - 1, to));
    setActive(i);
    grid.current?.querySelectorAll<HTMLButtonElement>('button')[i]?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: COLUMNS,
      ArrowUp: -COLUMNS,
    };
    if (e.key in step) {
      e.preventDefault();
      // In a right-to-left page the grid is mirrored, and so are left and right.
      const rtl = getComputedStyle(grid.current!).direction === 'rtl';
      const d = step[e.key]!;
      move(active + (rtl && Math.abs(d) === 1 ? -d : d));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : EMOJI.length - 1);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div class="emoji-pop" role="group" aria-label={strings.emoji} ref={grid} onKeyDown={onKeyDown}>
      {EMOJI.map((emoji, i) => (
        <button
          type="button"
          key={emoji}
          class="emoji-btn"
          tabIndex={i === active ? 0 : -1}
          onClick={() => onPick(emoji)}
          onFocus={() => setActive(i)}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
