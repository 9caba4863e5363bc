import type { WidgetLanguage } from '@parley/protocol';
import { en, type Strings } from './strings';

export { LANGUAGES, pickLanguage, supported } from '../shared/language';

const RTL: readonly WidgetLanguage[] = ['ar'];

export const isRtl = (language: WidgetLanguage): boolean => RTL.includes(language);

// Each language but English is a file of its own, fetched only by visitors who read it.
import ar from './locales/ar.json?url';
import de from './locales/de.json?url';
import es from './locales/es.json?url';
import fr from './locales/fr.json?url';
import pt from './locales/pt.json?url';
import ru from './locales/ru.json?url';

const files: Record<Exclude<WidgetLanguage, 'en'>, string> = { ar, de, es, fr, pt, ru };

export async function loadStrings(language: WidgetLanguage): Promise<Strings> {
  if (language === 'en') return en;
  const res = await fetch(files[language]);
  if (!res.ok) throw new Error(`${language}: ${res.status}`);
  // Keys missing from an older file keep their English text rather than showing nothing.
  return { ...en, ...((await res.json()) as Partial<Strings>) };
}
