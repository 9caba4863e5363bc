import { describe, expect, it } from 'vitest';
import { convertEmoticons, linkify, withoutBidiControls } from './text.js';

describe('convertEmoticons', () => {
  it('turns text emoticons into emoji', () => {
    expect(convertEmoticons('Thanks :) see you ;-)')).toBe('Thanks 🙂 see you 😉');
    expect(convertEmoticons(':D great')).toBe('😀 great');
  });

  it('leaves emoticon-like text inside words and URLs alone', () => {
    expect(convertEmoticons('see http://example.com/a:)b and a:)b')).toBe(
      'see http://example.com/a:)b and a:)b',
    );
  });

  it('stops at /nosmile and resumes at /smile, dropping both keys', () => {
    expect(convertEmoticons('/nosmile test :)')).toBe('test :)');
    expect(convertEmoticons('/nosmile code :) /smile happy :)')).toBe('code :) happy 🙂');
    expect(convertEmoticons('yes :) /nosmile raw ;)')).toBe('yes 🙂 raw ;)');
  });
});

describe('linkify', () => {
  it('finds URLs and emails and leaves the sentence punctuation out', () => {
    expect(linkify('See https://shop.example/a?b=1. Or mail help@shop.example!')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
      { type: 'text', text: '. Or mail ' },
      { type: 'email', text: 'help@shop.example', href: 'mailto:help@shop.example' },
      { type: 'text', text: '!' },
    ]);
    expect(linkify('www.example.com')).toEqual([
      { type: 'link', text: 'www.example.com', href: 'https://www.example.com' },
    ]);
  });

  it('cannot produce markup or script URLs', () => {
    const segments = linkify(
      '<a href="javascript:alert(1)">x</a> javascript:alert(1) https://x.example/"><script>',
    );
    expect(segments.every((s) => s.type === 'text' || /^(https:|http:|mailto:)/.test(s.href))).toBe(
      true,
    );
    const link = segments.find((s) => s.type === 'link');
    expect(link?.href).toBe('https://x.example/');
    expect(segments.map((s) => s.text).join('')).toBe(
      '<a href="javascript:alert(1)">x</a> javascript:alert(1) https://x.example/"><script>',
    );
  });

  it('keeps balanced parentheses in a URL', () => {
    expect(linkify('(see https://en.example/wiki/A_(b))')[1]).toMatchObject({
      text: 'https://en.example/wiki/A_(b)',
    });
  });
});

describe('withoutBidiControls', () => {
  it('drops embeddings, overrides and isolates, and keeps right-to-left letters', () => {
    expect(withoutBidiControls('\u202Egnp.exe')).toBe('gnp.exe');
    expect(withoutBidiControls('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069')).toBe(
      'abcdefgh',
    );
    expect(withoutBidiControls('שלום Ahmed مرحبا')).toBe('שלום Ahmed مرحبا');
  });
});
