import { z } from 'zod';
import { ClientId, Id } from './ids.js';
import { withoutBidiControls } from './text.js';
import {
  conversationStatuses,
  invitationStatuses,
  LIVE_QUERY_LIMITS,
  MAX_BAN_REASON,
  MAX_INVITATION_MESSAGE,
  MAX_LIVE_TOKEN,
  MAX_NAME_LENGTH,
  MAX_PRECHAT_FIELD_ID,
  MAX_PRECHAT_FIELDS,
  MAX_PRECHAT_LABEL,
  MAX_RATING_COMMENT,
  prechatFieldKinds,
  ratingValues,
  visitorStates,
  widgetLanguages,
  widgetPositions,
} from './contract.js';

/**
 * Knowing the visitor: live visitors, their details and navigation, identity, pre-chat survey,
 * proactive invitations, bans, ratings, transcripts and product cards.
 */

/** Languages the widget speaks (see `widgetLanguages`, `RTL_LANGUAGES`). */
export const WidgetLanguage = z.enum(widgetLanguages);
export type WidgetLanguage = z.infer<typeof WidgetLanguage>;

/** What the console shows a visitor is doing: on the site, waiting for an agent, or in a chat. */
export const VisitorState = z.enum(visitorStates);
export type VisitorState = z.infer<typeof VisitorState>;

export const PageView = z.object({
  url: z.string(),
  title: z.string(),
  at: z.string(),
});
export type PageView = z.infer<typeof PageView>;

/** From the IP with offline geo data; null fields when unknown (a private or loopback address). */
export const VisitorLocation = z.object({
  /** ISO 3166-1 alpha-2, e.g. "DE". */
  country: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  /** IANA zone: the browser's when it told us, else the IP's. The console shows local time with it. */
  timeZone: z.string().nullable(),
});
export type VisitorLocation = z.infer<typeof VisitorLocation>;

/** From the User-Agent header. */
export const VisitorDevice = z.object({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** "mobile", "tablet" or "desktop". */
  type: z.string().nullable(),
});
export type VisitorDevice = z.infer<typeof VisitorDevice>;

/** A visitor as the Visitors page lists them, pushed live as `visitor:updated`. */
export const LiveVisitor = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  /** "#4821" until the visitor gives a name. */
  code: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Attribute keys ("name", "email", custom ones) whose current value a signed identity vouches for. */
  verified: z.array(z.string()),
  /** False once the visitor has left the site (their last page closed). */
  online: z.boolean(),
  state: VisitorState,
  /** The open chat, when there is one. */
  conversationId: z.string().nullable(),
  language: z.string().nullable(),
  currentPage: PageView.nullable(),
  referrer: z.string().nullable(),
  /** Start of this visit: "time on site" counts from here. */
  visitStartedAt: z.string(),
  /** Visits so far (a new visit starts after 30 minutes away). */
  visits: z.number().int().nonnegative(),
  pageViews: z.number().int().nonnegative(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  location: VisitorLocation,
  device: VisitorDevice,
  banned: z.boolean(),
  /** A proactive invitation waiting for the visitor's answer. */
  invitation: z.object({ id: z.string(), agentId: z.string() }).nullable(),
});
export type LiveVisitor = z.infer<typeof LiveVisitor>;

export const VisitorAttribute = z.object({
  key: z.string(),
  value: z.string(),
  verified: z.boolean(),
});
export type VisitorAttribute = z.infer<typeof VisitorAttribute>;

/** A past or current conversation in the visitor's History tab. */
export const VisitorHistoryEntry = z.object({
  id: z.string(),
  status: z.enum(conversationStatuses),
  agentName: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  messageCount: z.number().int().nonnegative(),
  lastMessage: z.string().nullable(),
  rating: z.enum(ratingValues).nullable(),
});
export type VisitorHistoryEntry = z.infer<typeof VisitorHistoryEntry>;

/** Everything the right panel shows: live fields, attributes, navigation and history. */
export const VisitorDetails = LiveVisitor.extend({
  /** identify() attributes besides name and email, with their verified flag. */
  attributes: z.array(VisitorAttribute),
  /** Newest first, at most 100. */
  navigation: z.array(PageView),
  conversations: z.array(VisitorHistoryEntry),
  firstSeenAt: z.string(),
});
export type VisitorDetails = z.infer<typeof VisitorDetails>;

/** The visitor as the visitor sees themselves (the widget's "Your details"). */
export const VisitorSelf = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  verified: z.array(z.string()),
});
export type VisitorSelf = z.infer<typeof VisitorSelf>;

// Pre-chat survey

export const PrechatFieldKind = z.enum(prechatFieldKinds);
export type PrechatFieldKind = z.infer<typeof PrechatFieldKind>;

/**
 * One question before the chat starts. name/email/department have built-in labels the widget
 * translates (label may override); "text" fields need a label.
 */
export const PrechatField = z
  .object({
    id: z
      .string()
      .regex(
        new RegExp(`^[a-z0-9_-]{1,${MAX_PRECHAT_FIELD_ID}}$`),
        'lowercase letters, digits, - and _ only',
      )
      .max(MAX_PRECHAT_FIELD_ID),
    kind: PrechatFieldKind,
    label: z.string().trim().max(MAX_PRECHAT_LABEL).default(''),
    required: z.boolean().default(false),
  })
  .refine((f) => f.kind !== 'text' || f.label.length > 0, {
    message: 'a custom field needs a label',
    path: ['label'],
  });
export type PrechatField = z.infer<typeof PrechatField>;

export const PrechatFields = z
  .array(PrechatField)
  .max(MAX_PRECHAT_FIELDS, `at most ${MAX_PRECHAT_FIELDS} fields`)
  .refine((fs) => new Set(fs.map((f) => f.id)).size === fs.length, {
    message: 'field ids must be unique',
  })
  .refine(
    (fs) =>
      fs.filter((f) => f.kind !== 'text').length ===
      new Set(fs.filter((f) => f.kind !== 'text').map((f) => f.kind)).size,
    {
      message: 'name, email and department may appear once each',
    },
  );

/** A pre-chat answer as stored on the conversation and shown at the top of the right panel. */
export const PrechatAnswer = z.object({ label: z.string(), value: z.string() });
export type PrechatAnswer = z.infer<typeof PrechatAnswer>;

// Ratings, cards, invitations, bans

export const RatingValue = z.enum(ratingValues);
export type RatingValue = z.infer<typeof RatingValue>;

export const Rating = z.object({
  value: RatingValue,
  comment: z.string().nullable(),
  at: z.string(),
});
export type Rating = z.infer<typeof Rating>;

/** A product card ("Send to page"): what the page exposes through Open Graph or schema.org. */
export const PageCard = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  /** Absolute URL on the same site, or null. */
  image: z.string().nullable(),
  /** Formatted for display, e.g. "$24.00", or null. */
  price: z.string().nullable(),
});
export type PageCard = z.infer<typeof PageCard>;

/** An agent's invitation to a browsing visitor; the visitor's reply starts a chat owned by the agent. */
export const ProactiveInvitation = z.object({
  id: z.string(),
  visitorId: z.string(),
  agent: z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() }),
  message: z.string(),
  status: z.enum(invitationStatuses),
  conversationId: z.string().nullable(),
  createdAt: z.string(),
});
export type ProactiveInvitation = z.infer<typeof ProactiveInvitation>;

export const Ban = z.object({
  id: z.string(),
  siteId: z.string(),
  visitor: z.object({ id: z.string(), code: z.string(), name: z.string().nullable() }).nullable(),
  ip: z.string().nullable(),
  reason: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** Null: until lifted. */
  expiresAt: z.string().nullable(),
});
export type Ban = z.infer<typeof Ban>;

/** Per-site settings beyond departments (admins edit them in Settings → Sites). */
const MAX_SITE_TEXT = 500;
/** A text per widget language ("en", "es"...); a language without one falls back to `greeting`. */
const PerLanguage = z.partialRecord(WidgetLanguage, z.string().trim().max(MAX_SITE_TEXT));

export const WidgetPosition = z.enum(widgetPositions);
export type WidgetPosition = z.infer<typeof WidgetPosition>;

export const SiteSettings = z.object({
  /** Null: the visitor's browser language decides. */
  language: WidgetLanguage.nullable(),
  /** The first thing the widget says; `greetings` overrides it per language. */
  greeting: z.string().trim().min(1, 'must not be empty').max(MAX_SITE_TEXT),
  greetings: PerLanguage,
  /** Shown when nobody can answer (the message form's introduction), per language. */
  offlineMessage: PerLanguage,
  /** The launcher's and header's colour, "#rrggbb". */
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1c7ed6'),
  /** Which bottom corner of the page the launcher sits in. */
  position: WidgetPosition,
  /** identify() without a valid signature is refused and nothing is stored. */
  requireVerifiedIdentity: z.boolean(),
  prechatFields: PrechatFields,
  /** Origins allowed to embed the widget and to be sent as pages, e.g. "https://shop.example". */
  allowedOrigins: z.array(z.string()),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

// Inputs (agent)

export const VisitorRef = z.object({ visitorId: Id });
export type VisitorRef = z.infer<typeof VisitorRef>;

export const ProactiveInviteInput = z.object({
  visitorId: Id,
  message: z.string().trim().min(1, 'must not be empty').max(MAX_INVITATION_MESSAGE),
});
export type ProactiveInviteInput = z.input<typeof ProactiveInviteInput>;

export const BanInput = z.object({
  visitorId: Id,
  reason: z.string().trim().min(1, 'give a reason').max(MAX_BAN_REASON),
  /** Null: until lifted. */
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 3650)
    .nullable(),
  /** Also ban the visitor's current IP address. */
  includeIp: z.boolean().default(false),
});
export type BanInput = z.input<typeof BanInput>;

export const SendPageInput = z.object({
  conversationId: Id,
  clientId: ClientId,
  url: z.url('must be a URL').max(2000),
});
export type SendPageInput = z.infer<typeof SendPageInput>;

export const SiteSettingsPatch = SiteSettings.partial().extend({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH).optional(),
  allowedOrigins: z
    .array(z.url('must be an origin such as https://shop.example').max(200))
    .max(50)
    .optional(),
});
export type SiteSettingsPatch = z.input<typeof SiteSettingsPatch>;

// Inputs (visitor)

export const Email = z.string().trim().toLowerCase().pipe(z.email('must be an email address'));
/** A name a visitor typed, without the bidirectional controls that could disguise it. */
export const VisitorName = z
  .string()
  .transform(withoutBidiControls)
  .pipe(z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH));
const Name = VisitorName;
/** An attribute value set by the host page, without bidirectional controls. */
const AttributeValue = z.string().max(500).transform(withoutBidiControls);

export const VisitorUpdateInput = z.object({
  name: Name.nullable().optional(),
  email: Email.nullable().optional(),
});
export type VisitorUpdateInput = z.input<typeof VisitorUpdateInput>;

/**
 * `Parley.identify(...)`. Plain fields prefill the visitor's details; `jwt` (HS256 with the
 * site's identity secret, made by the site's backend) vouches for the claims it carries:
 * name, email and any string claims besides the registered ones (iat, exp, nbf, sub...).
 */
export const IdentifyInput = z.object({
  name: Name.optional(),
  email: Email.optional(),
  /** Custom attributes (plan, customer id...): string values only. */
  attributes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/), AttributeValue).optional(),
  jwt: z.string().max(8192).optional(),
});
export type IdentifyInput = z.input<typeof IdentifyInput>;

export const RateInput = z.object({
  conversationId: Id,
  rating: RatingValue,
  comment: z.string().trim().max(MAX_RATING_COMMENT).optional(),
});
export type RateInput = z.input<typeof RateInput>;

export const TranscriptInput = z.object({
  conversationId: Id,
  email: Email,
  /** The widget's language: the mail is written in it. */
  language: WidgetLanguage.optional(),
  /** Also send the conversation to the shop: it arrives there as a ticket linked to the chat. */
  toShop: z.boolean().optional(),
});
export type TranscriptInput = z.input<typeof TranscriptInput>;

export const InvitationRef = z.object({ invitationId: Id });
export type InvitationRef = z.infer<typeof InvitationRef>;

/** Query of `GET /api/v1/widget/live` (an event stream the loader keeps open on every page). */
export const LiveQuery = z.object({
  /** The visitor token (EventSource cannot send headers). */
  t: z.string().min(1).max(MAX_LIVE_TOKEN),
  /** Random id of this page view: a reconnect of the same page is not counted twice. */
  pv: ClientId,
  url: z.string().max(LIVE_QUERY_LIMITS.url),
  title: z.string().max(LIVE_QUERY_LIMITS.title).default(''),
  ref: z.string().max(LIVE_QUERY_LIMITS.ref).default(''),
  lang: z.string().max(LIVE_QUERY_LIMITS.lang).default(''),
  tz: z.string().max(LIVE_QUERY_LIMITS.tz).default(''),
});
export type LiveQuery = z.input<typeof LiveQuery>;

/** Settings → Sites → Add site. */
export const CreateSiteInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH),
  allowedOrigins: z
    .array(z.url('must be an origin such as https://shop.example').max(200))
    .max(50)
    .default([]),
});
export type CreateSiteInput = z.input<typeof CreateSiteInput>;
