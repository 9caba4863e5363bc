import { linkify } from '@parley/protocol/text';
import { h, type ComponentChild } from 'preact';

/**
 * A message body as text nodes and links we build ourselves: nothing in it is ever parsed as
 * HTML, so `<script>` in a message is just those characters. Only http(s) and mailto hrefs
 * come out of linkify; links open in a new tab without access to this frame.
 */
export function richText(body: string): ComponentChild[] {
  return linkify(body).map((s, i) =>
    s.type === 'text'
      ? s.text
      : h('a', { key: i, href: s.href, target: '_blank', rel: 'noopener noreferrer' }, s.text),
  );
}
