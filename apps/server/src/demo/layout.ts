import { escapeHtml, jsonForScript } from '../html.js';
import { SHOP_NAME } from './products.js';

export interface PageInput {
  title: string;
  description: string;
  /** Extra, already-escaped tags for <head> (Open Graph, structured data). */
  head?: string;
  /** Already-escaped page content. */
  main: string;
  ctx: DemoContext;
}

/** Who is looking at the demo shop: the widget key, and the signed-in customer, if any. */
export interface DemoContext {
  siteKey: string;
  /**
   * A signed identity (HS256 JWT) the shop's backend made for its signed-in customer, passed
   * to `Parley.identify` so agents see verified details.
   */
  customerJwt: string | null;
}

/**
 * Opens the chat through the widget's command queue, which works whether or not loader.js
 * has run yet: the same snippet a real shop would paste into a "Contact us" button.
 */
export const OPEN_CHAT = `(window.Parley=window.Parley||{q:[]}).q.push(['open'])`;

const leaf = `<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path d="M5 19C5 10 11 4 20 4c0 9-6 15-15 15z" fill="#2f5d50"/><path d="M5 19c4-4 7-7 11-11" stroke="#faf7f2" stroke-width="1.6" fill="none" stroke-linecap="round"/></svg>`;

const favicon = `data:image/svg+xml,${encodeURIComponent(leaf.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" '))}`;

const css = `
*{box-sizing:border-box}
body{margin:0;background:#faf7f2;color:#2b2620;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-font-smoothing:antialiased}
a{color:inherit}
img{max-width:100%;height:auto;display:block}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.top{position:sticky;top:0;z-index:10;background:rgba(250,247,242,.92);backdrop-filter:blur(8px);border-bottom:1px solid #ece5da}
.top .wrap{display:flex;align-items:center;justify-content:space-between;height:68px}
.logo{display:flex;align-items:center;gap:10px;text-decoration:none;font:600 21px/1 Georgia,"Iowan Old Style",serif;letter-spacing:.01em}
nav.main{display:flex;gap:26px;font-size:15px}
nav.main form{margin:0}
nav.main a,nav.main button{color:#5b5247;text-decoration:none;background:none;border:0;font:inherit;cursor:pointer;padding:0}
nav.main a:hover,nav.main button:hover{color:#2f5d50}
h1,h2,h3{font-family:Georgia,"Iowan Old Style",serif;font-weight:600;letter-spacing:-.01em;line-height:1.15;margin:0}
.hero{display:grid;grid-template-columns:1.1fr 1fr;gap:48px;align-items:center;padding:64px 0 56px}
.eyebrow{text-transform:uppercase;letter-spacing:.14em;font-size:12.5px;color:#2f5d50;font-weight:700;margin:0 0 14px}
.hero h1{font-size:clamp(36px,5vw,56px)}
.hero p.lead{font-size:18px;color:#5b5247;margin:20px 0 30px;max-width:460px}
.hero-art{border-radius:28px;overflow:hidden;box-shadow:0 30px 60px -30px rgba(60,45,30,.45);transform:rotate(1.5deg)}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:8px;border-radius:999px;padding:13px 24px;font:600 15px/1 system-ui,sans-serif;text-decoration:none;cursor:pointer;border:1.5px solid #2f5d50;transition:background .15s,color .15s}
.btn-primary{background:#2f5d50;color:#fff}
.btn-primary:hover{background:#244a3f}
.btn-ghost{background:transparent;color:#2f5d50;margin-left:10px}
.btn-ghost:hover{background:#e7efe9}
.perks{display:flex;flex-wrap:wrap;gap:12px 36px;justify-content:center;padding:18px 24px;border-top:1px solid #ece5da;border-bottom:1px solid #ece5da;color:#5b5247;font-size:14.5px}
.perks span::before{content:"✓";color:#2f5d50;font-weight:700;margin-right:8px}
.section{padding:64px 0}
.section-head{display:flex;align-items:end;justify-content:space-between;margin-bottom:28px}
.section-head h2{font-size:32px}
.section-head p{margin:0;color:#7a7064}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:28px}
.card{display:block;text-decoration:none;background:#fff;border-radius:20px;overflow:hidden;box-shadow:0 1px 2px rgba(60,45,30,.06),0 10px 30px -18px rgba(60,45,30,.35);transition:transform .2s,box-shadow .2s}
.card:hover{transform:translateY(-4px);box-shadow:0 1px 2px rgba(60,45,30,.06),0 22px 40px -20px rgba(60,45,30,.45)}
.card img{aspect-ratio:4/3;width:100%;object-fit:cover}
.card-body{padding:16px 18px 20px}
.card h3{font-size:19px}
.card p{margin:6px 0 12px;color:#7a7064;font-size:14.5px}
.price{font-weight:700;color:#2f5d50}
.crumbs{padding:26px 0 0;font-size:14px;color:#7a7064}
.crumbs a{color:#7a7064}
.product{display:grid;grid-template-columns:1.15fr 1fr;gap:56px;padding:24px 0 40px;align-items:start}
.product-art{border-radius:28px;overflow:hidden;background:#fff;box-shadow:0 30px 60px -34px rgba(60,45,30,.45)}
.product h1{font-size:clamp(32px,4vw,44px);margin-top:8px}
.product .price{font-size:24px;margin:14px 0 6px}
.tagline{font-size:18px;color:#5b5247;margin:0 0 18px}
.product ul{padding:0;margin:22px 0 28px;list-style:none;border-top:1px solid #ece5da}
.product li{padding:11px 0;border-bottom:1px solid #ece5da;color:#5b5247;font-size:15px}
.ask{margin-top:22px;padding:18px 20px;border-radius:16px;background:#eef3ee;color:#35524a;font-size:15px}
.ask button{background:none;border:0;padding:0;font:inherit;font-weight:700;color:#2f5d50;text-decoration:underline;text-underline-offset:3px;cursor:pointer}
.notfound{text-align:center;padding:110px 0 140px}
.notfound h1{font-size:44px;margin-bottom:12px}
.notfound p{color:#7a7064;margin:0 0 30px}
footer{border-top:1px solid #ece5da;padding:36px 0 110px;color:#8a8075;font-size:14px}
footer .wrap{display:flex;justify-content:space-between;gap:20px;flex-wrap:wrap}
@media (max-width:820px){
.hero,.product{grid-template-columns:1fr;gap:32px}
.hero{padding:36px 0}
.hero-art{transform:none}
nav.main{gap:16px}
nav.main .hide-sm{display:none}
.section{padding:44px 0}
.section-head{display:block}
.btn-ghost{margin:12px 0 0}
}
`;

/** The demo's sign-in: a form post, so the shop's server knows the customer and signs for them. */
function accountForm(ctx: DemoContext): string {
  const action = ctx.customerJwt ? '/demo/sign-out' : '/demo/sign-in';
  const label = ctx.customerJwt ? 'Sign out' : 'Sign in';
  return `<form method="post" action="${action}" class="account"><button type="submit">${label}</button></form>`;
}

/** What a real shop does for a signed-in customer: hand the widget an identity its backend signed. */
function identify(ctx: DemoContext): string {
  if (!ctx.customerJwt) return '';
  const command = jsonForScript(['identify', { jwt: ctx.customerJwt }]);
  return `<script>(window.Parley=window.Parley||{q:[]}).q.push(${command});</script>\n`;
}

export function layout(page: PageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:image/svg+xml,${favicon}">
<title>${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
${page.head ?? ''}
<style>${css}</style>
</head>
<body>
<header class="top"><div class="wrap">
<a class="logo" href="/demo">${leaf}<span>${escapeHtml(SHOP_NAME)}</span></a>
<nav class="main" aria-label="Main"><a href="/demo#products">Shop</a><a class="hide-sm" href="/demo#story">Our story</a><button type="button" onclick="${escapeHtml(OPEN_CHAT)}">Help</button>${accountForm(page.ctx)}</nav>
</div></header>
<main>
${page.main}
</main>
<footer><div class="wrap"><span>© ${escapeHtml(SHOP_NAME)} — a demo shop for Parley live chat.</span><span>Free shipping over $50 · 30-day returns</span></div></footer>
${identify(page.ctx)}<script async src="/widget/loader.js" data-site="${escapeHtml(page.ctx.siteKey)}"></script>
</body>
</html>
`;
}
