import type { Highlighted } from '@parley/protocol';
import { Fragment } from 'react';

/** A snippet with its matched words in <mark>: plain React text, never parsed as HTML. */
export function Highlight({ value }: { value: Highlighted }) {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let at = 0;
  for (const [start, end] of value.highlights) {
    if (start > at) parts.push({ text: value.text.slice(at, start), hit: false });
    parts.push({ text: value.text.slice(start, end), hit: true });
    at = end;
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), hit: false });
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>,
      )}
    </>
  );
}
