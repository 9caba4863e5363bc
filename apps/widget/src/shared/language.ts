import type { WidgetLanguage } from '@parley/protocol';

// A literal rather than the protocol's `widgetLanguages`: its runtime module pulls in zod.
export const LANGUAGES: readonly WidgetLanguage[] = ['en', 'es', 'fr', 'de', 'pt', 'ru', 'ar'];

/** "pt-BR" → "pt"; null for a language the widget does not speak. */
export function supported(tag: string | null | undefined): WidgetLanguage | null {
  const primary = tag?.split('-')[0]?.toLowerCase();
  return LANGUAGES.find((l) => l === primary) ?? null;
}

/**
 * The widget's language: `Parley.setLanguage` first, then the site's override, then the first
 * of the browser's languages the widget speaks, then English. The launcher and the chat use
 * the same rule, so they always agree.
 */
export function pickLanguage(
  api: string | null,
  site: WidgetLanguage | null | undefined,
  browser: readonly string[],
): WidgetLanguage {
  return supported(api) ?? site ?? browser.map(supported).find((l) => l !== null) ?? 'en';
}
