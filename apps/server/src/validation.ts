import type { z } from 'zod';
import { AppError } from './errors.js';

/** Parses input with a protocol schema; a failure becomes VALIDATION_FAILED with field details. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details: Record<string, string> = {};
  for (const issue of result.error.issues.slice(0, 20)) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    details[key] ??= issue.message;
  }
  const summary = Object.entries(details)
    .map(([k, m]) => (k === '_' ? m : `${k}: ${m}`))
    .join('; ');
  throw new AppError('VALIDATION_FAILED', `The request is not valid: ${summary}`, details);
}

/**
 * For PATCH bodies: the parsed fields the client actually sent. A partial schema fills
 * defaults for absent fields; only what was sent may change.
 */
export function sentFields<T extends object>(parsed: T, body: unknown): Partial<T> {
  const sent = body && typeof body === 'object' ? Object.keys(body) : [];
  return Object.fromEntries(
    Object.entries(parsed).filter(([key]) => sent.includes(key)),
  ) as Partial<T>;
}
