import { z } from 'zod';
import { MAX_ID_LENGTH, MIN_CLIENT_ID_LENGTH } from './contract.js';

export const Id = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

/** A client-chosen id for a send; retries reuse it so the server stores the message once. */
export const ClientId = z
  .string()
  .min(MIN_CLIENT_ID_LENGTH, `must be at least ${MIN_CLIENT_ID_LENGTH} characters`)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, - and _ only');
