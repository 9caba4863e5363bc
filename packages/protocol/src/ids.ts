import { z } from 'zod';

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

/** A client-chosen id for a send; retries reuse it so the server stores the message once. */
export const ClientId = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, - and _ only');
