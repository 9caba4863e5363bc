import type { Tag } from '@parley/protocol';
import { isTagColor, normaliseTagName, tagNameKey } from '../../domain/labels.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { presentTag } from '../../presenters/tag.js';
import {
  deleteTag as deleteTagRow,
  findTag,
  findTagByKey,
  insertTag,
  listTags,
  updateTag as updateTagRow,
  type TagRow,
} from '../../storage/tags.js';
import type { AgentRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';

/** The installation's tags, by name: every agent may read them (the "Add tag" list). */
export async function listAllTags(deps: Deps): Promise<TagRow[]> {
  return listTags(deps.store);
}

function requireAdmin(actor: AgentRow): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can manage tags.');
}

function checkedName(name: string): { name: string; key: string } {
  const n = normaliseTagName(name);
  if (!n.ok)
    throw new AppError('VALIDATION_FAILED', `Name ${n.problem}.`, { [n.field]: n.problem });
  return { name: n.value, key: tagNameKey(n.value) };
}

function checkedColor(color: string): string {
  if (!isTagColor(color))
    throw new AppError('VALIDATION_FAILED', 'Pick one of the colours offered.', {
      color: 'must be one of the palette',
    });
  return color;
}

const taken = () => new AppError('TAG_NAME_TAKEN');

/** A unique-index violation on either dialect: another request took the name meanwhile. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed/i.test(e.message ?? '');
}

/** Every agent hears of the change: lists, badges and the "Add tag" choices follow. */
async function announce(deps: Deps, deletedId?: string): Promise<void> {
  const tags: Tag[] = (await listTags(deps.store)).map(presentTag);
  deps.bus.publish({ type: 'tags.changed', tags, ...(deletedId ? { deletedId } : {}) });
}

export async function createTag(
  deps: Deps,
  actor: AgentRow,
  input: { name: string; color: string },
): Promise<TagRow> {
  requireAdmin(actor);
  const { name, key } = checkedName(input.name);
  const color = checkedColor(input.color);
  if (await findTagByKey(deps.store, key)) throw taken();
  const now = deps.clock.now();
  const row: TagRow = { id: newId(now), name, name_key: key, color, created_at: now };
  try {
    await insertTag(deps.store, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  await announce(deps);
  return row;
}

/** Rename, recolour, or both; chats carrying the tag show the change at once. */
export async function updateTag(
  deps: Deps,
  actor: AgentRow,
  id: string,
  patch: { name?: string | undefined; color?: string | undefined },
): Promise<TagRow> {
  requireAdmin(actor);
  const tag = await findTag(deps.store, id);
  if (!tag) throw new AppError('NOT_FOUND', 'Tag not found.');
  const set: Partial<Pick<TagRow, 'name' | 'name_key' | 'color'>> = {};
  if (patch.name !== undefined) {
    const { name, key } = checkedName(patch.name);
    const other = await findTagByKey(deps.store, key);
    if (other && other.id !== id) throw taken();
    Object.assign(set, { name, name_key: key });
  }
  if (patch.color !== undefined) set.color = checkedColor(patch.color);
  try {
    await updateTagRow(deps.store, id, set);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  await announce(deps);
  return { ...tag, ...set };
}

/** Deletes a tag and takes it off every chat, in one transaction. */
export async function deleteTag(deps: Deps, actor: AgentRow, id: string): Promise<void> {
  requireAdmin(actor);
  const existed = await inTransaction(deps.store, (tx) => deleteTagRow(tx, id));
  if (!existed) throw new AppError('NOT_FOUND', 'Tag not found.');
  await announce(deps, id);
}
