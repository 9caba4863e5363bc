import type { TicketInput } from '@parley/protocol';

/**
 * The message form's rules, mirroring the protocol's TicketInput so that most mistakes are
 * shown before a round trip; the server's VALIDATION_FAILED details are mapped onto the same
 * fields. Problems are kinds, not text: the component words them (strings.ts).
 */
export type TicketField = keyof TicketInput;
export type FieldProblem = 'required' | 'invalid' | 'tooLong';
export type FieldErrors = Partial<Record<TicketField, FieldProblem>>;

export const TICKET_FIELDS: readonly TicketField[] = ['name', 'email', 'message'];
export const TICKET_LIMITS: Record<TicketField, number> = { name: 100, email: 254, message: 5000 };

// Deliberately loose (one @, a dot in the domain, no spaces): the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyTicket(): TicketInput {
  return { name: '', email: '', message: '' };
}

export function normalizeTicket(input: TicketInput): TicketInput {
  return {
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    message: input.message.replace(/\r\n?/g, '\n').trim(),
  };
}

function checkField(field: TicketField, raw: string): FieldProblem | undefined {
  const value = raw.trim();
  if (!value) return 'required';
  if (field === 'email' && !EMAIL.test(value)) return 'invalid';
  // The email limit is not the server's (it has none besides the format): long ones are invalid.
  if (value.length > TICKET_LIMITS[field]) return field === 'email' ? 'invalid' : 'tooLong';
  return undefined;
}

/** Problems per field; empty when the form may be sent. */
export function validateTicket(input: TicketInput): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of TICKET_FIELDS) {
    const problem = checkField(field, input[field]);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/**
 * The server's `details` (field path → message) onto the form's fields. A field the server
 * rejected gets the kind our own check finds, or 'invalid'; anything not about a field is
 * returned as `other` for a message above the button.
 */
export function errorsFromDetails(
  details: Record<string, string> | undefined,
  input: TicketInput,
): { fields: FieldErrors; other: boolean } {
  const fields: FieldErrors = {};
  let other = false;
  for (const key of Object.keys(details ?? {})) {
    const field = TICKET_FIELDS.find((f) => f === key);
    if (field) fields[field] = checkField(field, input[field]) ?? 'invalid';
    else other = true;
  }
  if (Object.keys(fields).length === 0) other = true;
  return { fields, other };
}

export function firstInvalid(errors: FieldErrors): TicketField | undefined {
  return TICKET_FIELDS.find((f) => errors[f]);
}
