import type { PrechatField, StartConversationInput, VisitorSelf } from '@parley/protocol';
import type { FieldProblem } from './ticketForm';

/**
 * The pre-chat survey: the site's questions, asked before the chat starts. Answers are kept by
 * field id; a department question's answer is the department's id.
 */
export type PrechatValues = Readonly<Record<string, string>>;
export type PrechatErrors = Readonly<Record<string, FieldProblem>>;

// Deliberately loose (one @, a dot in the domain, no spaces): the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMIT: Record<PrechatField['kind'], number> = {
  name: 100,
  email: 254,
  department: 64,
  text: 1000,
};

/** The questions to show: a department question only when the site has a choice to offer. */
export function askedFields(
  fields: readonly PrechatField[] | undefined,
  departments: ReadonlyArray<{ id: string }>,
): PrechatField[] {
  return (fields ?? []).filter((f) => f.kind !== 'department' || departments.length > 1);
}

/** Name and email start with what the visitor already told us (or the site, via identify). */
export function prechatDefaults(
  fields: readonly PrechatField[],
  visitor: VisitorSelf | null,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields)
    values[f.id] =
      (f.kind === 'name' ? visitor?.name : f.kind === 'email' ? visitor?.email : '') ?? '';
  return values;
}

export function validatePrechat(
  fields: readonly PrechatField[],
  values: PrechatValues,
): PrechatErrors {
  const errors: Record<string, FieldProblem> = {};
  for (const f of fields) {
    const value = (values[f.id] ?? '').trim();
    if (!value) {
      if (f.required) errors[f.id] = 'required';
    } else if (f.kind === 'email' && (!EMAIL.test(value) || value.length > LIMIT.email)) {
      errors[f.id] = 'invalid';
    } else if (value.length > LIMIT[f.kind]) {
      errors[f.id] = 'tooLong';
    }
  }
  return errors;
}

/** The first field with a problem, to put the cursor in. */
export function firstPrechatError(
  fields: readonly PrechatField[],
  errors: PrechatErrors,
): string | undefined {
  return fields.find((f) => errors[f.id])?.id;
}

/**
 * What `conversation:start` gets: the department question picks `departmentId`; the other
 * answers go by field id, blank ones left out.
 */
export function prechatInput(
  fields: readonly PrechatField[],
  values: PrechatValues,
): StartConversationInput {
  const prechat: Record<string, string> = {};
  let departmentId: string | undefined;
  for (const f of fields) {
    const value = (values[f.id] ?? '').trim();
    if (!value) continue;
    if (f.kind === 'department') departmentId = value;
    else prechat[f.id] = f.kind === 'email' ? value.toLowerCase() : value;
  }
  return {
    ...(departmentId ? { departmentId } : {}),
    ...(Object.keys(prechat).length ? { prechat } : {}),
  };
}

/**
 * The server's `details` for a refused start ("prechat.email", "departmentId") onto the
 * survey's fields; true in `other` when something is not about a field.
 */
export function prechatErrorsFromDetails(
  fields: readonly PrechatField[],
  details: Record<string, string> | undefined,
): { errors: PrechatErrors; other: boolean } {
  const errors: Record<string, FieldProblem> = {};
  let other = false;
  for (const key of Object.keys(details ?? {})) {
    const field =
      key === 'departmentId'
        ? fields.find((f) => f.kind === 'department')
        : fields.find((f) => key === `prechat.${f.id}`);
    if (field) errors[field.id] = 'invalid';
    else other = true;
  }
  return { errors, other: other || Object.keys(errors).length === 0 };
}
