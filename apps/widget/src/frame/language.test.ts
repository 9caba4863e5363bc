import { describe, expect, it } from 'vitest';
import { intlLocale } from './format';
import { isRtl, pickLanguage, supported } from './language';

describe('the chat’s language', () => {
  it('follows Parley.setLanguage first', () => {
    expect(pickLanguage('de', 'fr', ['es-ES'])).toBe('de');
  });

  it('then the site’s override', () => {
    expect(pickLanguage(null, 'fr', ['es-ES'])).toBe('fr');
  });

  it('then the first of the browser’s languages the widget speaks', () => {
    expect(pickLanguage(null, null, ['nl-NL', 'pt-BR', 'es'])).toBe('pt');
    expect(pickLanguage(null, null, ['AR-eg'])).toBe('ar');
  });

  it('else English', () => {
    expect(pickLanguage(null, null, ['nl', 'ja'])).toBe('en');
    expect(pickLanguage(null, null, [])).toBe('en');
  });

  it('ignores a language set by the page that the widget does not speak', () => {
    expect(pickLanguage('ja', null, ['ru-RU'])).toBe('ru');
  });

  it('reads only the primary subtag', () => {
    expect(supported('fr-CA')).toBe('fr');
    expect(supported('zh-Hant')).toBeNull();
    expect(supported(null)).toBeNull();
  });

  it('writes Arabic right to left', () => {
    expect(isRtl('ar')).toBe(true);
    expect(isRtl('en')).toBe(false);
  });

  it('formats dates in the visitor’s own variant of the chosen language', () => {
    expect(intlLocale('pt', ['en-GB', 'pt-BR'])).toBe('pt-BR');
    expect(intlLocale('en', ['en-GB'])).toBe('en-GB');
    expect(intlLocale('de', ['en-US'])).toBe('de');
  });
});
