import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { API_PREFIX } from '@parley/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../errors.js';
import { setAgentAvatar } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_TYPES = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/webp', 'webp'],
]);
/** Random and unguessable: "av-png-<24 hex>". */
export const AVATAR_KEY = /^av-(png|jpeg|webp)-[a-f0-9]{24}$/;

function keyOf(url: string | null): string | undefined {
  return url?.match(/\/avatars\/(av-[a-z]+-[a-f0-9]{24})$/)?.[1];
}

async function setAvatar(deps: Deps, agentId: string, url: string | null): Promise<AgentRow> {
  const row = await setAgentAvatar(deps.store, agentId, url);
  deps.bus.publish({ type: 'agent.changed', agent: row });
  return row;
}

/**
 * The agent's profile photo: one small image, sniffed from its bytes, PNG, JPEG or WebP only
 * (never SVG: it can script). The previous photo is removed once the new one is in place.
 */
export async function replaceAvatar(
  deps: Deps,
  agent: AgentRow,
  bytes: Buffer | null,
): Promise<AgentRow> {
  if (!bytes || bytes.length > AVATAR_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'A profile photo may be at most 2 MB.');
  const type = await fileTypeFromBuffer(bytes);
  const ext = type ? AVATAR_TYPES.get(type.mime) : undefined;
  if (!ext) throw new AppError('UNSUPPORTED_FILE_TYPE', 'Use a PNG, JPEG or WebP image.');
  const key = `av-${ext}-${randomBytes(12).toString('hex')}`;
  await deps.files.write(key, Readable.from(bytes));
  const previous = keyOf(agent.avatar_url);
  const row = await setAvatar(deps, agent.id, `${API_PREFIX}/avatars/${key}`);
  if (previous) await deps.files.remove(previous).catch(() => undefined);
  return row;
}

export async function removeAvatar(deps: Deps, agent: AgentRow): Promise<AgentRow> {
  const previous = keyOf(agent.avatar_url);
  const row = await setAvatar(deps, agent.id, null);
  if (previous) await deps.files.remove(previous).catch(() => undefined);
  return row;
}

/** The photo's bytes and type, or NOT_FOUND. Public: visitors see their agent's photo. */
export async function openAvatar(
  deps: Deps,
  key: string,
): Promise<{ stream: NodeJS.ReadableStream; contentType: string }> {
  const ext = key.split('-')[1]!;
  const stream = deps.files.read(key);
  const opened = await new Promise<boolean>((resolve) => {
    stream.once('open', () => resolve(true));
    stream.once('error', () => resolve(false));
  });
  if (!opened) throw new AppError('NOT_FOUND', 'No such photo.');
  return { stream, contentType: `image/${ext}` };
}
