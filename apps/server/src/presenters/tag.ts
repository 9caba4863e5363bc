import type { Tag, TagColor } from '@parley/protocol';
import type { TagRow } from '../storage/tags.js';

export function presentTag(t: TagRow): Tag {
  return {
    id: t.id,
    name: t.name,
    color: t.color as TagColor,
    createdAt: new Date(t.created_at).toISOString(),
  };
}
