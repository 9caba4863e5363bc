/** Accent colours come from site settings; anything that is not a plain hex colour is ignored. */
export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
}

function rgb(hex: string): [number, number, number] {
  let h = hex.slice(1);
  if (h.length === 3) h = h.replace(/./g, '$&$&');
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Black or white, whichever reads better on the given hex background. */
export function readableOn(hex: string): string {
  const [r, g, b] = rgb(hex);
  const lum = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  return lum > 0.68 ? '#111827' : '#ffffff';
}

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two hex colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

function darken(hex: string, step: number): string {
  return (
    '#' +
    rgb(hex)
      .map((c) =>
        Math.round(c * (1 - step))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

const WHITE = '#ffffff';
const INK = '#111827';

/**
 * The site's accent made readable: `fill` with `on` (text on it) reads at least at `min`:1, and
 * `ink` (the accent as text on white and light tints) too. A mid-tone accent is darkened a
 * little rather than given text nobody can read; light accents keep their colour with dark text.
 */
export function readableAccent(hex: string, min = 4.8): { fill: string; on: string; ink: string } {
  let fill = hex;
  let on = WHITE;
  if (contrast(hex, WHITE) < min && contrast(hex, INK) >= min) on = INK;
  else for (let i = 1; contrast(fill, WHITE) < min && i <= 20; i++) fill = darken(hex, i * 0.05);
  let ink = hex;
  // Text over the light tints (--accent-soft) needs a little more than over white.
  for (let i = 1; contrast(ink, WHITE) < min + 0.4 && i <= 20; i++) ink = darken(hex, i * 0.05);
  return { fill, on, ink };
}
