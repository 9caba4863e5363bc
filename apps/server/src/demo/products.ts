/** The demo shop's catalogue: enough to try product questions and, later, product cards. */
export interface Product {
  slug: string;
  sku: string;
  name: string;
  /** In the currency's minor unit (cents), to avoid floating point prices. */
  priceCents: number;
  currency: 'USD';
  tagline: string;
  description: string;
  details: string[];
}

export const SHOP_NAME = 'Fernwood Home';

export const products: readonly Product[] = [
  {
    slug: 'speckled-mug',
    sku: 'FW-MUG-01',
    name: 'Speckled Stoneware Mug',
    priceCents: 2400,
    currency: 'USD',
    tagline: 'Hand-glazed, holds a proper cup.',
    description:
      'Thrown on the wheel and dipped in a warm oat glaze that breaks into freckles of iron in the kiln. The wide handle fits three fingers, and the thick wall keeps coffee hot for the slow mornings.',
    details: ['350 ml', 'Dishwasher and microwave safe', 'Each one slightly different'],
  },
  {
    slug: 'arc-desk-lamp',
    sku: 'FW-LMP-02',
    name: 'Arc Desk Lamp',
    priceCents: 8900,
    currency: 'USD',
    tagline: 'Warm light exactly where you need it.',
    description:
      'A two-joint arm in powder-coated steel with a brass pivot, balanced so it stays where you leave it. The dimmable warm LED is easy on the eyes for late reading and long evenings at the desk.',
    details: ['2700 K dimmable LED', 'Reach 48 cm', 'Weighted base, no clamp needed'],
  },
  {
    slug: 'terracotta-planter',
    sku: 'FW-PLT-03',
    name: 'Terracotta Planter with Pilea',
    priceCents: 3600,
    currency: 'USD',
    tagline: 'The friendly pancake plant, potted and ready.',
    description:
      'Unglazed terracotta breathes, so roots stay healthy and watering is forgiving. It arrives with a young Pilea peperomioides, the round-leaved plant that keeps giving you pups to pass on to friends.',
    details: [
      'Pot ⌀ 14 cm with saucer',
      'Bright, indirect light',
      'Water when the top 2 cm are dry',
    ],
  },
  {
    slug: 'linen-throw',
    sku: 'FW-THR-04',
    name: 'Washed Linen Throw',
    priceCents: 7200,
    currency: 'USD',
    tagline: 'Soft from the first day, better every wash.',
    description:
      'Stonewashed European flax woven with a quiet stripe and finished with knotted fringes. Light enough for summer evenings on the porch, warm enough to live on the sofa all winter.',
    details: ['130 × 170 cm', '100% linen', 'Machine wash cold'],
  },
];

export function findProduct(slug: string): Product | undefined {
  return products.find((p) => p.slug === slug);
}

export function formatPrice(p: Product): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: p.currency }).format(
    p.priceCents / 100,
  );
}

/** "24.00": the plain decimal form that Open Graph and schema.org expect. */
export function decimalPrice(p: Product): string {
  return (p.priceCents / 100).toFixed(2);
}
