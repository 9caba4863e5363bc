import type { PrechatField, PrechatFieldKind } from '@parley/protocol';

/**
 * The pre-chat survey editor: a list of questions an admin adds, labels, marks required,
 * reorders and removes before saving them with the site's settings.
 */

export const MAX_PRECHAT_FIELDS = 10; // the protocol's cap

export type PrechatAction =
  | { type: 'reset'; fields: readonly PrechatField[] }
  | { type: 'add'; kind: PrechatFieldKind }
  | { type: 'label'; id: string; label: string }
  | { type: 'required'; id: string; required: boolean }
  | { type: 'move'; id: string; by: -1 | 1 }
  | { type: 'remove'; id: string };

export const prechatKindMeta: Record<PrechatFieldKind, { label: string; hint: string }> = {
  name: { label: 'Name', hint: 'Built-in label, translated by the widget' },
  email: { label: 'Email', hint: 'Checked to be an email address' },
  department: { label: 'Department', hint: "A choice of the site's departments" },
  text: { label: 'Custom question', hint: 'Free text; needs a label' },
};
export const prechatKindOrder: readonly PrechatFieldKind[] = [
  'name',
  'email',
  'department',
  'text',
];

/**
 * A stable id for a new question: the kind itself for the built-in ones (they appear once),
 * "question-N" for custom ones. Answers are stored by id, so ids never change once saved.
 */
export function newFieldId(fields: readonly PrechatField[], kind: PrechatFieldKind): string {
  if (kind !== 'text' && !fields.some((f) => f.id === kind)) return kind;
  const taken = new Set(fields.map((f) => f.id));
  for (let n = 1; ; n += 1) {
    const id = kind === 'text' ? `question-${n}` : `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Whether another question of this kind may be added (built-in kinds appear once each). */
export function canAdd(fields: readonly PrechatField[], kind: PrechatFieldKind): boolean {
  if (fields.length >= MAX_PRECHAT_FIELDS) return false;
  return kind === 'text' || !fields.some((f) => f.kind === kind);
}

export function prechatReducer(
  fields: readonly PrechatField[],
  action: PrechatAction,
): readonly PrechatField[] {
  switch (action.type) {
    case 'reset':
      return action.fields;
    case 'add': {
      if (!canAdd(fields, action.kind)) return fields;
      const field: PrechatField = {
        id: newFieldId(fields, action.kind),
        kind: action.kind,
        label: '',
        // Built-in questions default to required: a name or email asked for is usually needed.
        required: action.kind !== 'text',
      };
      return [...fields, field];
    }
    case 'label':
      return update(fields, action.id, (f) =>
        f.label === action.label ? f : { ...f, label: action.label },
      );
    case 'required':
      return update(fields, action.id, (f) =>
        f.required === action.required ? f : { ...f, required: action.required },
      );
    case 'move': {
      const from = fields.findIndex((f) => f.id === action.id);
      const to = from + action.by;
      if (from < 0 || to < 0 || to >= fields.length) return fields;
      const next = [...fields];
      const [moved] = next.splice(from, 1);
      if (moved) next.splice(to, 0, moved);
      return next;
    }
    case 'remove': {
      const next = fields.filter((f) => f.id !== action.id);
      return next.length === fields.length ? fields : next;
    }
  }
}

function update(
  fields: readonly PrechatField[],
  id: string,
  change: (f: PrechatField) => PrechatField,
): readonly PrechatField[] {
  let changed = false;
  const next = fields.map((f) => {
    if (f.id !== id) return f;
    const updated = change(f);
    if (updated !== f) changed = true;
    return updated;
  });
  return changed ? next : fields;
}

/** What is sent: labels trimmed (the server trims too; the draft keeps what the admin typed). */
export function prechatBody(fields: readonly PrechatField[]): PrechatField[] {
  return fields.map((f) => ({ ...f, label: f.label.trim() }));
}

export function samePrechat(a: readonly PrechatField[], b: readonly PrechatField[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => {
      const g = b[i];
      return (
        g !== undefined &&
        f.id === g.id &&
        f.kind === g.kind &&
        f.label.trim() === g.label.trim() &&
        f.required === g.required
      );
    })
  );
}

export interface PrechatErrors {
  /** Problems with the list as a whole (too many, duplicates). */
  list: string | null;
  /** Per field id: the message for its label (or the field itself). */
  byField: Record<string, string>;
}

/**
 * The server's field details ("prechatFields.2.label": "a custom field needs a label") mapped
 * onto the fields that were sent, by position, so each message shows under its own question.
 */
export function prechatErrors(
  details: Readonly<Record<string, string>>,
  sent: readonly PrechatField[],
): PrechatErrors {
  const result: PrechatErrors = { list: null, byField: {} };
  for (const [path, message] of Object.entries(details)) {
    const parts = path.split('.');
    if (parts[0] !== 'prechatFields') continue;
    if (parts.length === 1) {
      result.list ??= message;
      continue;
    }
    const field = sent[Number(parts[1])];
    if (field) result.byField[field.id] ??= message;
    else result.list ??= message;
  }
  return result;
}
