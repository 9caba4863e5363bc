import { describe, expect, it } from 'vitest';
import { dragKind, droppedUrl, httpUrl } from './dropLink';

const data = (entries: Record<string, string>) => (type: string) => entries[type] ?? '';

describe('dragKind', () => {
  it('keeps files as files, even when a link comes with them', () => {
    expect(dragKind(['Files'])).toBe('files');
    expect(dragKind(['text/uri-list', 'Files'])).toBe('files');
  });

  it('treats links and plain text as a possible page', () => {
    expect(dragKind(['text/uri-list', 'text/html'])).toBe('link');
    expect(dragKind(['text/plain'])).toBe('link');
    expect(dragKind(['text/html'])).toBeNull();
    expect(dragKind([])).toBeNull();
  });
});

describe('droppedUrl', () => {
  it('takes the first URL of a uri-list, skipping comments', () => {
    expect(
      droppedUrl(
        data({
          'text/uri-list':
            '# dragged from the shop\r\nhttps://shop.example/p/mug\r\nhttps://x.example/',
        }),
      ),
    ).toBe('https://shop.example/p/mug');
  });

  it('falls back to plain text that is just a URL', () => {
    expect(droppedUrl(data({ 'text/plain': '  https://shop.example/p/mug  ' }))).toBe(
      'https://shop.example/p/mug',
    );
    expect(droppedUrl(data({ 'text/plain': 'see https://shop.example/p/mug' }))).toBeNull();
  });

  it('refuses anything that is not an http(s) page', () => {
    expect(droppedUrl(data({ 'text/uri-list': 'javascript:alert(1)' }))).toBeNull();
    expect(droppedUrl(data({ 'text/plain': 'mailto:a@b.example' }))).toBeNull();
    expect(droppedUrl(data({ 'text/plain': 'hello' }))).toBeNull();
    expect(droppedUrl(data({}))).toBeNull();
  });

  it('uses plain text when the uri-list holds nothing usable', () => {
    expect(
      droppedUrl(data({ 'text/uri-list': 'file:///tmp/a', 'text/plain': 'https://a.example/' })),
    ).toBe('https://a.example/');
  });

  it('normalises the URL', () => {
    expect(httpUrl('HTTPS://Shop.Example/a b')).toBeNull();
    expect(httpUrl('HTTPS://Shop.Example')).toBe('https://shop.example/');
  });
});
