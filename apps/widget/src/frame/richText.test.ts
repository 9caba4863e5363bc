import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { richText } from './richText';

type Anchor = VNode<{ href: string; target: string; rel: string; children: unknown }>;
const isNode = (x: unknown): x is Anchor => typeof x === 'object' && x !== null && 'type' in x;

describe('richText', () => {
  it('keeps markup-like text as plain strings, never as elements', () => {
    const body = '<script>alert(1)</script> <img src=x onerror=alert(2)> <b>hi</b>';
    const out = richText(body);
    expect(out).toEqual([body]);
    expect(out.some(isNode)).toBe(false);
  });

  it('builds anchors only for links, opening in a new tab without an opener', () => {
    const out = richText('See https://example.com/a?b=1. Or mail help@example.com <script>');
    const links = out.filter(isNode);
    expect(links.map((l) => l.type)).toEqual(['a', 'a']);
    expect(links[0]!.props).toMatchObject({
      href: 'https://example.com/a?b=1',
      target: '_blank',
      rel: 'noopener noreferrer',
      children: 'https://example.com/a?b=1',
    });
    expect(links[1]!.props.href).toBe('mailto:help@example.com');
    for (const l of links) expect(l.props).not.toHaveProperty('dangerouslySetInnerHTML');
    // Everything else is the text as written, the trailing markup included.
    expect(out.filter((x) => !isNode(x)).join('')).toBe('See . Or mail  <script>');
  });

  it('leaves other schemes as text', () => {
    expect(richText('javascript:alert(1) data:text/html,<b>x</b>').some(isNode)).toBe(false);
  });

  it('puts a link inside markup-like text into the href, text intact', () => {
    const out = richText('<a href="https://evil.example">x</a>');
    const links = out.filter(isNode);
    expect(links).toHaveLength(1);
    expect(links[0]!.props.href).toBe('https://evil.example');
    expect(out.filter((x) => !isNode(x)).join('')).toBe('<a href="">x</a>');
  });
});
