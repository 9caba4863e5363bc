/**
 * Chat titles and tags without zod, for clients that must stay small: the colours a tag may
 * have (Mantine's palette names, so the console draws them as they are) and the limits.
 */

/** The colours a tag may have; the console shows each as a badge of that colour. */
export const tagColors = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;

/** A tag's name, after trimming; unique per installation whatever its case. */
export const MAX_TAG_NAME_LENGTH = 40;
/** A chat's title, after trimming ("Rename chat"). */
export const MAX_TITLE_LENGTH = 120;
/** Tags on one chat. */
export const MAX_TAGS_PER_CHAT = 20;
/** Tags one Archive or search filter may name (chats carrying every one of them). */
export const MAX_TAG_FILTER = 10;
