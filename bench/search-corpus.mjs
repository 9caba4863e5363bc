// The text of the search scenario: support-chat messages in several languages (with their
// accents), lengths as chats have them (mostly a few words, some paragraphs), words drawn with
// a Zipf skew so a few are everywhere and most are rare, plus order numbers and names. Seeded:
// the same seed gives the same corpus and the same queries on both dialects.

/** mulberry32: a small, fast, seedable PRNG; returns a function giving [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (s) => s.split(/\s+/).filter(Boolean);

/** Each language's support vocabulary, most frequent first (the Zipf rank is the position). */
export const LANGUAGES = {
  en: words(`the to and I my is a it you for order of not have this can in was please with
    on we your but be hello thanks delivery package refund account password help payment
    card shipping invoice address email yesterday today tomorrow week still received
    arrived wrong size colour return exchange cancel subscription discount code coupon
    price charged twice problem working login error website checkout basket shoes jacket
    trousers dress shirt blue black white small medium large tracking number courier
    warehouse store opening hours available stock weekend urgent broken damaged missing
    replacement voucher gift wrapping international customs phone reset confirmation
    receipt bank transfer paypal instalment warranty repair manual battery charger
    cable screen laptop headphones kitchen furniture assembly instructions screws
    appointment reschedule birthday present surprise happy unfortunately immediately
    apologise understand explain frustrating disappointed wonderful excellent quickly`),
  fr: words(`je le la de et est pas un une mon ma commande livraison bonjour merci pour
    vous il que en ne avec sur colis remboursement compte mot passe paiement carte
    facture adresse hier aujourd'hui demain semaine toujours reçu arrivé taille couleur
    retour échange annuler abonnement réduction prix débité deux fois problème erreur
    site panier chaussures veste pantalon robe chemise bleu noir blanc numéro suivi
    transporteur entrepôt magasin horaires disponible week-end urgent cassé abîmé
    manquant remplacement bon cadeau emballage douane téléphone réinitialiser reçu
    virement garantie réparation notice batterie chargeur écran ordinateur écouteurs
    cuisine meubles montage vis rendez-vous anniversaire malheureusement immédiatement
    désolé comprendre expliquer déçu génial excellent rapidement crème brûlée gâteau
    café thé chocolat pâtisserie boulangerie fenêtre hôtel réservation château forêt
    élève été hôpital préféré très déjà où voilà ça garçon français`),
  de: words(`ich die der und ist nicht das ein eine mein meine Bestellung Lieferung hallo
    danke für Sie es dass mit auf Paket Rückerstattung Konto Passwort Zahlung Karte
    Rechnung Adresse gestern heute morgen Woche immer noch erhalten angekommen falsch
    Größe Farbe Rücksendung Umtausch stornieren Abonnement Rabatt Gutschein Preis
    abgebucht zweimal Problem Fehler Webseite Warenkorb Schuhe Jacke Hose Kleid Hemd
    blau schwarz weiß klein mittel groß Sendungsnummer Zusteller Lager Geschäft
    Öffnungszeiten verfügbar Wochenende dringend kaputt beschädigt fehlt Ersatz
    Geschenk Verpackung Zoll Telefon zurücksetzen Bestätigung Quittung Überweisung
    Garantie Reparatur Anleitung Akku Ladegerät Bildschirm Kopfhörer Küche Möbel
    Aufbau Schrauben Termin verschieben Geburtstag Überraschung leider sofort
    Entschuldigung verstehen erklären enttäuscht wunderbar schnell Straße Grüße
    schön müssen können würde hätte Tür Schlüssel Brötchen Käse Bücher Zürich München`),
  es: words(`el la de que y en no un una mi pedido entrega hola gracias por para usted es
    con su paquete reembolso cuenta contraseña pago tarjeta factura dirección ayer hoy
    mañana semana todavía recibido llegado equivocado talla color devolución cambio
    cancelar suscripción descuento cupón precio cobrado dos veces problema error web
    carrito zapatos chaqueta pantalón vestido camisa azul negro blanco pequeño mediano
    grande número seguimiento mensajero almacén tienda horario disponible fin urgente
    roto dañado falta reemplazo regalo envoltorio aduana teléfono restablecer
    confirmación recibo transferencia garantía reparación manual batería cargador
    pantalla ordenador auriculares cocina muebles montaje tornillos cita cumpleaños
    sorpresa desgraciadamente inmediatamente lo siento entender explicar decepcionado
    maravilloso rápidamente niño señor señora año mañanas jamón paella corazón`),
  pt: words(`o a de que e não um uma meu minha encomenda entrega olá obrigado obrigada por
    para você com seu pacote reembolso conta senha pagamento cartão fatura endereço
    ontem hoje amanhã semana ainda recebi chegou errado tamanho cor devolução troca
    cancelar assinatura desconto cupom preço cobrado duas vezes problema erro site
    carrinho sapatos casaco calças vestido camisa azul preto branco pequeno médio
    grande número rastreio transportadora armazém loja horário disponível urgente
    partido danificado faltando substituição presente embrulho alfândega telefone
    redefinir confirmação recibo transferência garantia reparação manual bateria
    carregador ecrã computador fones cozinha móveis montagem parafusos marcação
    aniversário surpresa infelizmente imediatamente desculpe entender explicar
    decepcionado maravilhoso rapidamente coração pão açúcar informação situação`),
  pl: words(`nie i w to jest się na że mam moje moja zamówienie dostawa dzień dobry
    dziękuję dla pan pani z paczka zwrot konto hasło płatność karta faktura adres
    wczoraj dzisiaj jutro tydzień nadal otrzymałem dotarło zły rozmiar kolor wymiana
    anulować subskrypcja zniżka kupon cena pobrano dwa razy problem błąd strona
    koszyk buty kurtka spodnie sukienka koszula niebieski czarny biały mały średni
    duży numer śledzenie kurier magazyn sklep godziny dostępny weekend pilne zepsuty
    uszkodzony brakuje wymiana prezent opakowanie cło telefon resetować potwierdzenie
    paragon przelew gwarancja naprawa instrukcja bateria ładowarka ekran komputer
    słuchawki kuchnia meble montaż śruby termin urodziny niespodzianka niestety
    natychmiast przepraszam rozumiem wyjaśnić rozczarowany wspaniały szybko
    żółty źródło łódź gęś ćma wiadomość proszę cześć zażółć`),
  tr: words(`bir ve bu da de ne için siparişim teslimat merhaba teşekkürler lütfen siz ile
    paket iade hesap şifre ödeme kart fatura adres dün bugün yarın hafta hâlâ aldım
    geldi yanlış beden renk değişim iptal abonelik indirim kupon fiyat çekildi iki kez
    sorun hata site sepet ayakkabı ceket pantolon elbise gömlek mavi siyah beyaz küçük
    orta büyük numara takip kurye depo mağaza saatler mevcut hafta sonu acil kırık
    hasarlı eksik değiştirme hediye paketleme gümrük telefon sıfırlama onay makbuz
    havale garanti tamir kılavuz pil şarj ekran bilgisayar kulaklık mutfak mobilya
    kurulum vida randevu doğum günü sürpriz maalesef hemen özür anlıyorum açıklamak
    hayal kırıklığı harika hızlı çok güzel İstanbul öğrenci ılık şeker çay`),
  it: words(`il la di che e non un una mio mia ordine consegna ciao grazie per lei è con
    suo pacco rimborso conto password pagamento carta fattura indirizzo ieri oggi
    domani settimana ancora ricevuto arrivato sbagliato taglia colore reso cambio
    annullare abbonamento sconto buono prezzo addebitato due volte problema errore
    sito carrello scarpe giacca pantaloni vestito camicia blu nero bianco piccolo
    medio grande numero tracciamento corriere magazzino negozio orari disponibile
    urgente rotto danneggiato mancante sostituzione regalo confezione dogana telefono
    ripristinare conferma ricevuta bonifico garanzia riparazione manuale batteria
    caricatore schermo computer cuffie cucina mobili montaggio viti appuntamento
    compleanno sorpresa purtroppo subito scusi capire spiegare deluso meraviglioso
    velocemente perché però città più caffè`),
};

/** How often each language's visitors write (English most). */
const LANGUAGE_WEIGHTS = { en: 30, fr: 14, de: 14, es: 12, pt: 9, pl: 8, tr: 7, it: 6 };
export const LANGUAGE_CODES = Object.keys(LANGUAGES);

const FIRST_NAMES = words(`Anna Émilie Zoë José María João Łukasz Małgorzata Jürgen Günther
  Ayşe Çağla Şükrü Özge François Hélène Inês Conceição Agnieszka Paweł Björn Søren Chloé
  Noémie Andrés Lucía Gonçalo Weronika Mehmet Elif Giulia Niccolò Oliver Emma Liam Sophia`);
const LAST_NAMES = words(`Müller Dubois García Silva Kowalski Yılmaz Rossi Smith Lefèvre
  Schröder Martínez Gonçalves Wiśniewska Öztürk Bianchi Johnson Bérénice Núñez Brandão
  Dąbrowski Çelik Ricci Brown Fernández Żak Weiß Kılıç Lamoureux`);

/** Draws ranks 0..n-1 with P(rank k) proportional to 1 / (k + 1)^s. */
function zipf(n, s, random) {
  const cum = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cum[k] = total += 1 / (k + 1) ** s;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Normal deviate (Box-Muller). */
function gauss(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Words in one message: mostly a short line (median ~7), 3% a pasted paragraph. */
function messageLength(random) {
  if (random() < 0.03) return 40 + Math.floor(random() * 110);
  return Math.max(1, Math.min(60, Math.round(Math.exp(Math.log(7) + 0.75 * gauss(random)))));
}

/** A corpus generator: `message(lang)` returns one message body. */
export function corpus(seed) {
  const random = rng(seed);
  const rank = Object.fromEntries(
    LANGUAGE_CODES.map((l) => [l, zipf(LANGUAGES[l].length, 1.05, random)]),
  );
  const weights = LANGUAGE_CODES.map((l) => LANGUAGE_WEIGHTS[l]);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const token = (lang) => {
    const r = random();
    // Order numbers, product codes and amounts: the rare tokens every shop chat has.
    if (r < 0.012) return `#${100000 + Math.floor(random() * 900000)}`;
    if (r < 0.018) return `SKU-${1000 + Math.floor(random() * 9000)}`;
    if (r < 0.022) return `${(5 + random() * 300).toFixed(2)}€`;
    return LANGUAGES[lang][rank[lang]()];
  };
  return {
    random,
    pick,
    language() {
      let x = random() * weightTotal;
      for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return LANGUAGE_CODES[i];
      return 'en';
    },
    name() {
      return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    },
    message(lang) {
      const n = messageLength(random);
      const out = [];
      for (let i = 0; i < n; i++) out.push(token(lang));
      let text = out.join(' ');
      text = text.charAt(0).toUpperCase() + text.slice(1);
      return random() < 0.3 ? `${text}?` : random() < 0.5 ? `${text}.` : text;
    },
  };
}

/** Lower case, accents off: what an agent in a hurry types. */
export function plain(word) {
  return word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** One edit in a word of five letters or more: a letter dropped, doubled, swapped or changed. */
function typo(word, random) {
  const c = [...word];
  const i = 1 + Math.floor(random() * (c.length - 2));
  const kind = Math.floor(random() * 4);
  if (kind === 0) c.splice(i, 1);
  else if (kind === 1) c.splice(i, 0, c[i]);
  else if (kind === 2) [c[i], c[i + 1]] = [c[i + 1] ?? c[i - 1], c[i]];
  else c[i] = c[i] === 'e' ? 'a' : 'e';
  return c.join('');
}

/** Inputs a search box meets that are no words: they must match only by their words. */
const ODD = [
  '"refund" OR 1=1 --',
  'password*',
  'NEAR(delivery order)',
  "'; DROP TABLE messages; --",
  'commande AND (livraison OR colis)',
  'title:invoice',
];

/**
 * `count` search requests as an agent sends them: one word, two words, a word being typed (a
 * prefix), one typo in a word of five letters or more, odd inputs, and about a third with
 * filters (site, dates, status, agent, department, rating). Each is {kind, params}.
 */
export function searchQueries(count, seed, ctx) {
  const random = rng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const word = (minLength = 3, lang = pick(LANGUAGE_CODES)) => {
    for (;;) {
      const w = pick(LANGUAGES[lang]);
      if ([...w].length >= minLength && !/['-]/.test(w)) return random() < 0.5 ? plain(w) : w;
    }
  };
  const kinds = [
    ['one word', 0.25, () => ({ q: word(4) })],
    [
      'two words',
      0.2,
      () => {
        // Mostly two words of one language, as one visitor wrote them.
        const lang = pick(LANGUAGE_CODES);
        return { q: `${word(3, lang)} ${word(3, random() < 0.8 ? lang : undefined)}` };
      },
    ],
    [
      'prefix',
      0.2,
      () => {
        const w = plain(word(5));
        const head = random() < 0.4 ? `${word(3)} ` : '';
        return { q: head + w.slice(0, 3 + Math.floor(random() * (w.length - 3))), typing: 'true' };
      },
    ],
    ['typo', 0.2, () => ({ q: typo(plain(word(6)), random) })],
    ['order number', 0.1, () => ({ q: `#${100000 + Math.floor(random() * 900000)}` })],
    ['odd input', 0.05, () => ({ q: pick(ODD) })],
  ];
  const filters = () => {
    const f = {};
    const r = random();
    if (r < 0.35) f.siteId = pick(ctx.siteIds);
    if (r >= 0.25 && r < 0.6) {
      const days = pick([7, 30, 90]);
      const end = ctx.fromMs + random() * (ctx.toMs - ctx.fromMs);
      f.from = new Date(end - days * 86_400_000).toISOString();
      f.to = new Date(end).toISOString();
    }
    if (r >= 0.5 && r < 0.75) f.status = pick(['closed', 'closed', 'active']);
    if (r >= 0.7 && r < 0.85) f.agentId = pick(ctx.agentIds);
    if (r >= 0.85 && r < 0.93) f.departmentId = pick(ctx.departmentIds);
    if (r >= 0.93) f.rating = pick(['good', 'bad']);
    return f;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    let x = random();
    const [kind, , make] = kinds.find(([, w]) => (x -= w) < 0) ?? kinds[0];
    const withFilters = random() < 0.35;
    out.push({
      kind: withFilters ? `${kind} + filters` : kind,
      base: kind,
      filtered: withFilters,
      params: { ...make(), ...(withFilters ? filters() : {}), limit: '20' },
    });
  }
  return out;
}
