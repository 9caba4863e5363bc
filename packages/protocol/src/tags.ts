import { z } from 'zod';
import { Id } from './ids.js';
import { MAX_TAG_NAME_LENGTH, MAX_TITLE_LENGTH, tagColors } from './tagLimits.js';

export const TagColor = z.enum(tagColors);
export type TagColor = z.infer<typeof TagColor>;

/** A tag as every agent sees it (admins manage them in Settings → Tags). */
export const Tag = z.object({
  id: z.string(),
  name: z.string(),
  color: TagColor,
  createdAt: z.string(),
});
export type Tag = z.infer<typeof Tag>;

/** A tag on a chat: what a badge needs. */
export const ConversationTag = z.object({
  id: z.string(),
  name: z.string(),
  color: TagColor,
});
export type ConversationTag = z.infer<typeof ConversationTag>;

const TagName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TAG_NAME_LENGTH, `must be at most ${MAX_TAG_NAME_LENGTH} characters`);

/** POST /api/v1/tags (admins). */
export const TagInput = z.object({ name: TagName, color: TagColor });
export type TagInput = z.input<typeof TagInput>;

/** PATCH /api/v1/tags/:id (admins): rename, recolour, or both. */
export const TagPatch = z
  .object({ name: TagName.optional(), color: TagColor.optional() })
  .refine((p) => p.name !== undefined || p.color !== undefined, 'give a name or a color');
export type TagPatch = z.input<typeof TagPatch>;

/** PATCH /api/v1/conversations/:id: the chat's title; null or blank clears it. */
export const TitleInput = z.object({
  title: z
    .string()
    .trim()
    .max(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`)
    .nullable()
    .transform((t) => (t ? t : null)),
});
export type TitleInput = z.input<typeof TitleInput>;

/** POST /api/v1/conversations/:id/tags. */
export const ConversationTagInput = z.object({ tagId: Id });
export type ConversationTagInput = z.input<typeof ConversationTagInput>;

export interface TagListResponse {
  tags: Tag[];
}
export interface TagResponse {
  tag: Tag;
}
/** Socket `tags:updated` to every agent: the installation's tags after a change. */
export interface TagsUpdatedEvent {
  tags: Tag[];
  /** A deleted tag: chats that carried it no longer do. */
  deletedId?: string;
}
