import { linkify } from '@parley/protocol/text';
import { memo } from 'react';

/**
 * Message text with its links made clickable. Built from text nodes and anchors only: the body
 * is never parsed as HTML, and linkify yields only http(s) and mailto hrefs.
 */
export const RichText = memo(function RichText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((seg, i) =>
        seg.type === 'text' ? (
          seg.text
        ) : (
          <a
            key={i}
            href={seg.href}
            target="_blank"
            rel="noopener noreferrer"
            className="parley-link"
          >
            {seg.text}
          </a>
        ),
      )}
    </>
  );
});
