import { afterEach, describe, expect, it } from 'vitest';
import ar from './locales/ar.json';
import de from './locales/de.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';
import ru from './locales/ru.json';
import {
  applyStrings,
  en,
  fieldError,
  fileError,
  fmt,
  queueStatus,
  sendErrorText,
  strings,
  systemText,
  waitText,
  type Strings,
} from './strings';

const locales = { es, fr, de, pt, ru, ar } as Record<string, Record<string, unknown>>;

afterEach(() => applyStrings('en', en));

describe('queue wording', () => {
  it('rounds the estimated wait to something a person says', () => {
    expect(waitText(5)).toBe('less than a minute');
    expect(waitText(59)).toBe('less than a minute');
    expect(waitText(60)).toBe('about 1 min');
    expect(waitText(170)).toBe('about 3 min');
    expect(waitText(89 * 60)).toBe('about 89 min');
    expect(waitText(2 * 3600)).toBe('about 2 hr');
  });

  it('says the place in line and the wait together', () => {
    expect(queueStatus(2, 170)).toBe('You’re number 2 in line · about 3 min');
    expect(queueStatus(1, 30)).toBe('You’re next in line · less than a minute');
  });

  it('words every field problem', () => {
    for (const field of ['name', 'email', 'message', 'company'])
      for (const problem of ['required', 'invalid', 'tooLong'] as const)
        expect(fieldError(field, problem)).toMatch(/\w/);
    expect(fieldError('email', 'invalid')).toContain('name@example.com');
  });

  it('gives a failed send or upload a reason, and unknown codes a generic one', () => {
    expect(sendErrorText('CONVERSATION_CLOSED')).toBe('This chat has ended.');
    expect(sendErrorText('SOMETHING_NEW')).toBe('Something went wrong.');
    expect(fileError('PAYLOAD_TOO_LARGE', 10)).toBe('Too large (max 10 MB)');
    expect(fileError('PAYLOAD_TOO_LARGE')).toBe('Too large');
    expect(sendErrorText('RATE_LIMITED')).toBe('You’re sending messages too fast. Wait a moment.');
    expect(fileError('QUOTA_EXCEEDED')).toBe('File limit reached');
  });
});

describe('translations', () => {
  const placeholders = (v: unknown) => (typeof v === 'string' ? v.match(/\{0\}/g)?.length : 0);

  it.each(Object.keys(locales))('%s has every English sentence, and nothing else', (lang) => {
    const dict = locales[lang]!;
    expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(en)) {
      expect(typeof dict[key], key).toBe(typeof value);
      expect(String(dict[key]).trim(), key).not.toBe('');
      // A translation keeps the place where the name, number or address goes.
      expect(placeholders(dict[key]), key).toBe(placeholders(value));
    }
    expect(['short', 'long']).toContain(dict.unitDisplay);
  });

  it('switches every sentence in place, numbers and units included', () => {
    applyStrings('ru', ru as Strings);
    expect(strings.endChat).toBe('Завершить чат');
    expect(waitText(170)).toBe('примерно 3 минуты');
    expect(queueStatus(2, 7200)).toBe('Ваш номер в очереди: 2 · примерно 2 часа');
  });

  it('writes numbers the Arabic way and keeps Latin names from reordering the sentence', () => {
    applyStrings('ar', ar as Strings);
    // Digits as Intl writes them for Arabic (Latin in current CLDR data).
    expect(fmt(strings.queueNumber, 3)).toBe(`ترتيبك في الدور: ${(3).toLocaleString('ar')}`);
    expect(fmt(strings.typingName, 'Ana')).toBe('\u2068Ana\u2069 يكتب…');
  });
});

describe('system lines', () => {
  it('are said in the visitor’s language, with the agent’s name where there is one', () => {
    expect(systemText({ event: 'joined', name: 'Ana' })).toBe('Ana joined the chat');
    expect(systemText({ event: 'ended_by_visitor' })).toBe('You ended the chat');
    expect(systemText({ event: 'ended' })).toBe(strings.ended);
    applyStrings('de', de as unknown as Strings);
    expect(systemText({ event: 'joined', name: 'Ana' })).toBe('Ana ist dem Chat beigetreten');
    expect(systemText({ event: 'ended_by_agent', name: 'Ana' })).toBe('Ana hat den Chat beendet');
  });
});
