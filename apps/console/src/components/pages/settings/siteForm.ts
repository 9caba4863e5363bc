import type { SiteSettings, SiteSettingsPatch, WidgetLanguage } from '@parley/protocol';

/** The per-site settings form (Settings → Sites): languages, allowed origins, what changed. */

export const languageOptions: ReadonlyArray<{ value: WidgetLanguage | 'browser'; label: string }> =
  [
    { value: 'browser', label: 'Browser default' },
    { value: 'en', label: 'English' },
    { value: 'es', label: 'Español' },
    { value: 'fr', label: 'Français' },
    { value: 'de', label: 'Deutsch' },
    { value: 'pt', label: 'Português' },
    { value: 'ru', label: 'Русский' },
    { value: 'ar', label: 'العربية' },
  ];

/**
 * What an admin typed as an origin, reduced to one: "shop.example/products" becomes
 * "https://shop.example". Left as typed when it cannot be read, so the server explains why.
 */
export function normaliseOrigin(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  // Spaces are never part of an origin; URL parsing would percent-encode them into a "host".
  if (/\s/.test(trimmed)) return trimmed;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return trimmed;
    return url.origin;
  } catch {
    return trimmed;
  }
}

/** The origins to save: normalised, blanks dropped, each once, in the order given. */
export function originsBody(draft: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of draft) {
    const origin = normaliseOrigin(line);
    if (origin && !seen.has(origin)) {
      seen.add(origin);
      out.push(origin);
    }
  }
  return out;
}

/** Server problems with origins ("allowedOrigins.1": ...) by position in what was sent. */
export function originErrors(details: Readonly<Record<string, string>>): {
  list: string | null;
  byIndex: Record<number, string>;
} {
  const result: { list: string | null; byIndex: Record<number, string> } = {
    list: null,
    byIndex: {},
  };
  for (const [path, message] of Object.entries(details)) {
    const [head, index] = path.split('.');
    if (head !== 'allowedOrigins') continue;
    if (index === undefined || Number.isNaN(Number(index))) result.list ??= message;
    else result.byIndex[Number(index)] ??= message;
  }
  return result;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Only what changed, for PATCH /sites/:id (language, identity rule, origins). */
export function siteSettingsPatch(
  saved: SiteSettings,
  draft: { language: WidgetLanguage | null; requireVerifiedIdentity: boolean; origins: string[] },
): SiteSettingsPatch {
  const patch: SiteSettingsPatch = {};
  if (draft.language !== saved.language) patch.language = draft.language;
  if (draft.requireVerifiedIdentity !== saved.requireVerifiedIdentity) {
    patch.requireVerifiedIdentity = draft.requireVerifiedIdentity;
  }
  const origins = originsBody(draft.origins);
  if (!sameList(origins, saved.allowedOrigins)) patch.allowedOrigins = origins;
  return patch;
}

/** How the site's own backend vouches for a signed-in customer (shown next to the secret). */
export function identitySnippet(): string {
  return [
    '// On your server (Node.js, `npm install jsonwebtoken`):',
    "import jwt from 'jsonwebtoken';",
    '',
    'const token = jwt.sign(',
    '  { name: user.name, email: user.email }, // add string claims such as plan: "pro"',
    '  process.env.PARLEY_IDENTITY_SECRET,',
    "  { algorithm: 'HS256', expiresIn: '10m' },",
    ');',
    '',
    '// In the page, once the widget has loaded:',
    'Parley.identify({ jwt: token });',
  ].join('\n');
}
