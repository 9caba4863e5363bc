import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

const NEAR_BOTTOM_PX = 96;

/**
 * Keeps a scrolling log pinned to its newest entry while the reader is at the bottom, and leaves
 * it alone when they scrolled up to read history. `key` changes whenever the content grows.
 */
export function useStickToBottom(
  viewport: RefObject<HTMLDivElement | null>,
  key: unknown,
  resetKey: string,
): { atBottom: boolean; scrollToBottom: () => void } {
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToBottom = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    stuck.current = true;
    setAtBottom(true);
  }, [viewport]);

  // A different chat always opens at its newest message.
  useLayoutEffect(() => {
    stuck.current = true;
    scrollToBottom();
  }, [resetKey, scrollToBottom]);

  useLayoutEffect(() => {
    if (stuck.current) scrollToBottom();
  }, [key, scrollToBottom]);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onScroll = () => {
      const near = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      stuck.current = near;
      setAtBottom(near);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [viewport]);

  return { atBottom, scrollToBottom };
}
