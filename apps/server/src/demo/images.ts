import { escapeHtml } from '../html.js';

/**
 * Product pictures drawn in code, so the demo needs no image files and no third-party assets.
 * Each drawing is 800×600 on a soft backdrop, lit from the top left.
 */

/** A tiny deterministic random source, so the mug's speckles are the same on every request. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

function frame(title: string, from: string, to: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600" role="img" aria-label="${escapeHtml(title)}">
<title>${escapeHtml(title)}</title>
<defs><linearGradient id="bg" x1="0" y1="0" x2="0.4" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>
<radialGradient id="halo" cx="0.5" cy="0.45" r="0.5"><stop offset="0" stop-color="#fff" stop-opacity="0.7"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
<rect width="800" height="600" fill="url(#bg)"/>
<circle cx="400" cy="300" r="260" fill="url(#halo)"/>
${body}
</svg>`;
}

function mug(): string {
  const rand = seeded(7);
  let speckles = '';
  for (let i = 0; i < 70; i++) {
    const x = 300 + rand() * 200;
    const y = 225 + rand() * 185;
    speckles += `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(1 + rand() * 2.2).toFixed(1)}"/>`;
  }
  return frame(
    'Speckled stoneware mug',
    '#f4ede3',
    '#e6d8c5',
    `<defs>
<linearGradient id="glaze" x1="0" x2="1"><stop offset="0" stop-color="#fbf6ee"/><stop offset="0.55" stop-color="#efe5d4"/><stop offset="1" stop-color="#d8c7ad"/></linearGradient>
<linearGradient id="clay" x1="0" x2="1"><stop offset="0" stop-color="#d9ab7f"/><stop offset="1" stop-color="#b07f55"/></linearGradient>
<clipPath id="body"><path d="M282 205 L518 205 L508 440 Q506 470 476 470 L324 470 Q294 470 292 440 Z"/></clipPath>
</defs>
<ellipse cx="405" cy="478" rx="175" ry="20" fill="#5a3d22" opacity="0.16"/>
<path d="M512 255 C600 250 606 405 506 402" fill="none" stroke="#d6c6ab" stroke-width="34" stroke-linecap="round"/>
<path d="M512 255 C600 250 606 405 506 402" fill="none" stroke="#efe5d4" stroke-width="22" stroke-linecap="round"/>
<g clip-path="url(#body)">
<rect x="280" y="200" width="240" height="280" fill="url(#glaze)"/>
<path d="M280 412 Q320 424 352 412 T420 414 T480 410 T520 414 L520 480 L280 480 Z" fill="url(#clay)"/>
<g fill="#7a5537" opacity="0.55">${speckles}</g>
<rect x="300" y="200" width="22" height="280" fill="#fff" opacity="0.35"/>
</g>
<ellipse cx="400" cy="205" rx="118" ry="22" fill="#f6efe3" stroke="#d9cab2" stroke-width="3"/>
<ellipse cx="400" cy="208" rx="102" ry="15" fill="#5b3a24"/>
<ellipse cx="385" cy="205" rx="40" ry="4" fill="#8a5d3b" opacity="0.7"/>
<g fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" opacity="0.85">
<path d="M360 170 C340 145 380 130 360 100"/>
<path d="M405 165 C385 135 430 120 405 80"/>
<path d="M450 170 C430 145 470 130 450 105"/>
</g>`,
  );
}

function lamp(): string {
  return frame(
    'Arc desk lamp',
    '#eaf0f5',
    '#d3dde8',
    `<defs>
<linearGradient id="beam" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffe8a3" stop-opacity="0.85"/><stop offset="1" stop-color="#ffe8a3" stop-opacity="0"/></linearGradient>
<linearGradient id="steel" x1="0" x2="1"><stop offset="0" stop-color="#3d4a57"/><stop offset="1" stop-color="#1f2933"/></linearGradient>
<radialGradient id="bulb"><stop offset="0" stop-color="#fffbe8"/><stop offset="1" stop-color="#ffd75e"/></radialGradient>
</defs>
<path d="M520 262 L640 300 L700 505 L420 505 Z" fill="url(#beam)"/>
<ellipse cx="560" cy="505" rx="150" ry="16" fill="#ffe08a" opacity="0.45"/>
<ellipse cx="300" cy="505" rx="135" ry="16" fill="#1f2933" opacity="0.18"/>
<path d="M215 495 Q215 470 245 468 L355 468 Q385 470 385 495 Z" fill="url(#steel)"/>
<rect x="212" y="492" width="176" height="10" rx="5" fill="#1f2933"/>
<line x1="300" y1="470" x2="350" y2="250" stroke="url(#steel)" stroke-width="16" stroke-linecap="round"/>
<line x1="350" y1="250" x2="520" y2="190" stroke="url(#steel)" stroke-width="13" stroke-linecap="round"/>
<circle cx="300" cy="468" r="13" fill="#c9a25a"/>
<circle cx="350" cy="250" r="15" fill="#c9a25a"/>
<circle cx="350" cy="250" r="5" fill="#8d6c32"/>
<g transform="rotate(24 560 215)">
<path d="M505 168 L615 168 Q628 168 632 182 L668 282 L452 282 L488 182 Q492 168 505 168 Z" fill="url(#steel)"/>
<ellipse cx="560" cy="282" rx="108" ry="16" fill="#ffeeb0"/>
<ellipse cx="560" cy="280" rx="34" ry="9" fill="url(#bulb)"/>
<rect x="540" y="150" width="40" height="22" rx="6" fill="#c9a25a"/>
<path d="M498 190 L520 176" stroke="#fff" stroke-width="6" stroke-linecap="round" opacity="0.25"/>
</g>`,
  );
}

function planter(): string {
  const leaves: Array<[number, number, number]> = [
    [248, 300, 34],
    [300, 218, 44],
    [400, 160, 50],
    [505, 215, 46],
    [556, 298, 34],
    [350, 282, 36],
    [456, 276, 38],
    [402, 238, 34],
  ];
  const stems = leaves
    .map(([x, y]) => `<path d="M400 352 Q${(400 + x) / 2} ${y + 90} ${x} ${y}"/>`)
    .join('');
  const discs = leaves
    .map(
      ([x, y, r]) =>
        `<circle cx="${x}" cy="${y}" r="${r}" fill="url(#leaf)"/><circle cx="${x + r * 0.12}" cy="${y + r * 0.1}" r="${Math.round(r * 0.12)}" fill="#b8d9a0" opacity="0.8"/><path d="M${x - r * 0.55} ${y - r * 0.35} Q${x - r * 0.2} ${y - r * 0.75} ${x + r * 0.3} ${y - r * 0.65}" stroke="#fff" stroke-opacity="0.35" stroke-width="4" fill="none" stroke-linecap="round"/>`,
    )
    .join('');
  return frame(
    'Terracotta planter with a Pilea plant',
    '#eef3e6',
    '#d9e4cc',
    `<defs>
<linearGradient id="pot" x1="0" x2="1"><stop offset="0" stop-color="#e08e63"/><stop offset="0.6" stop-color="#c96d45"/><stop offset="1" stop-color="#a9552f"/></linearGradient>
<radialGradient id="leaf" cx="0.35" cy="0.35" r="0.75"><stop offset="0" stop-color="#8cc46f"/><stop offset="1" stop-color="#3f7d36"/></radialGradient>
</defs>
<ellipse cx="400" cy="528" rx="170" ry="18" fill="#3b4a2a" opacity="0.16"/>
<g fill="none" stroke="#5b8c45" stroke-width="5" stroke-linecap="round">${stems}</g>
${discs}
<ellipse cx="400" cy="516" rx="132" ry="16" fill="#a9552f"/>
<path d="M305 372 L495 372 L472 496 Q469 512 452 512 L348 512 Q331 512 328 496 Z" fill="url(#pot)"/>
<rect x="288" y="340" width="224" height="42" rx="9" fill="url(#pot)"/>
<rect x="288" y="340" width="224" height="10" rx="5" fill="#ec9f76" opacity="0.8"/>
<ellipse cx="400" cy="344" rx="100" ry="8" fill="#5a4031"/>
<rect x="318" y="384" width="14" height="110" rx="7" fill="#fff" opacity="0.14"/>`,
  );
}

function throwBlanket(): string {
  const fold = (x: number, y: number, w: number, id: string) => `
<clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="86" rx="22"/></clipPath>
<g clip-path="url(#${id})">
<rect x="${x}" y="${y}" width="${w}" height="86" fill="url(#linen)"/>
<rect x="${x + w - 118}" y="${y}" width="16" height="86" fill="#9fb59a"/>
<rect x="${x + w - 92}" y="${y}" width="6" height="86" fill="#c98f6b"/>
<rect x="${x + w - 78}" y="${y}" width="16" height="86" fill="#9fb59a"/>
<rect x="${x}" y="${y}" width="${w}" height="14" fill="#fff" opacity="0.35"/>
<rect x="${x}" y="${y + 70}" width="${w}" height="16" fill="#8b735a" opacity="0.12"/>
</g>
<g stroke="#cdbb9f" stroke-width="4" stroke-linecap="round">${Array.from(
    { length: 8 },
    (_, i) => `<line x1="${x + 4}" y1="${y + 12 + i * 9}" x2="${x - 14}" y2="${y + 14 + i * 9}"/>`,
  ).join('')}</g>`;
  return frame(
    'Washed linen throw, folded',
    '#f3ede6',
    '#e2d6c8',
    `<defs>
<linearGradient id="linen" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f1e8da"/><stop offset="1" stop-color="#dccdb6"/></linearGradient>
</defs>
<ellipse cx="410" cy="470" rx="230" ry="20" fill="#5a4632" opacity="0.16"/>
${fold(205, 378, 410, 'f1')}
${fold(190, 292, 400, 'f2')}
${fold(215, 206, 390, 'f3')}`,
  );
}

const drawings: Record<string, () => string> = {
  'speckled-mug': mug,
  'arc-desk-lamp': lamp,
  'terracotta-planter': planter,
  'linen-throw': throwBlanket,
};

const cache = new Map<string, string>();

/** The SVG for a product, or undefined for an unknown slug. */
export function productImage(slug: string): string | undefined {
  const draw = Object.hasOwn(drawings, slug) ? drawings[slug] : undefined;
  if (!draw) return undefined;
  let svg = cache.get(slug);
  if (!svg) cache.set(slug, (svg = draw()));
  return svg;
}
