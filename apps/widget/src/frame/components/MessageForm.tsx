import type { TicketInput } from '@parley/protocol';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  errorsFromDetails,
  firstInvalid,
  normalizeTicket,
  TICKET_FIELDS,
  TICKET_LIMITS,
  validateTicket,
  type FieldErrors,
  type TicketField,
} from '../state/ticketForm';
import type { TicketOutcome } from '../state/types';
import { fieldError, formError as formErrorText, strings } from '../strings';

interface Props {
  /** The form's message starts with what the visitor wrote for the chat. */
  initialMessage: string;
  onSubmit: (input: TicketInput) => Promise<TicketOutcome>;
  /** Shown as a second button ("Keep waiting") when the form can be put away. */
  onCancel?: () => void;
  /** Put the cursor in the first field when the form appears. */
  autoFocus: boolean;
  /** Above the fields, inside the form's group (the reason the form is offered). */
  intro?: ComponentChildren;
  /** The visitor typed something (the form is then kept even if chat becomes possible). */
  onEdit?: (values: TicketInput) => void;
}

// Read while rendering: the language may change after this module loaded.
const label = (field: TicketField) =>
  field === 'name' ? strings.formName : field === 'email' ? strings.formEmail : strings.formMessage;

const AUTOCOMPLETE: Record<TicketField, string> = { name: 'name', email: 'email', message: 'off' };

interface RowProps {
  field: TicketField;
  value: string;
  problem: FieldErrors[TicketField];
  onInput: (value: string) => void;
  inputRef: { current: HTMLInputElement | HTMLTextAreaElement | null };
}

/** One field of the form, with its problem under it. */
function TicketFieldRow({ field, value, problem, onInput, inputRef }: RowProps) {
  const id = `ticket-${field}`;
  const common = {
    id,
    name: field,
    value,
    autocomplete: AUTOCOMPLETE[field],
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-error` : undefined,
    class: 'field-input',
    dir: 'auto' as const,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={problem ? 'field has-error' : 'field'}>
      <label for={id} class="field-label">
        {label(field)}
      </label>
      {field === 'message' ? (
        <textarea
          {...common}
          ref={inputRef as { current: HTMLTextAreaElement | null }}
          rows={3}
          maxLength={TICKET_LIMITS.message}
        />
      ) : (
        <input
          {...common}
          ref={inputRef as { current: HTMLInputElement | null }}
          type={field === 'email' ? 'email' : 'text'}
          maxLength={TICKET_LIMITS[field]}
          spellcheck={field === 'email' ? false : undefined}
        />
      )}
      {problem && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {fieldError(field, problem)}
        </p>
      )}
    </div>
  );
}

/**
 * The message form for when nobody can answer: name, email, message. Errors are shown next to
 * their field (ours first, then the server's), and focus goes to the first field to fix.
 */
export function MessageForm(p: Props) {
  const { onSubmit, onCancel, autoFocus, onEdit } = p;
  const [values, setValues] = useState<TicketInput>(() => ({
    name: '',
    email: '',
    message: p.initialMessage,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const refs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    message: useRef<HTMLTextAreaElement>(null),
  };

  useEffect(() => {
    // When the form appears, or the chat is shown with it: not on every render.
    if (autoFocus) refs.name.current?.focus();
  }, [autoFocus]);

  const focusField = (field: TicketField | undefined) => {
    if (field) refs[field].current?.focus();
  };

  const change = (field: TicketField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    onEdit?.(next);
    // A field's error goes away once it is being fixed; the others stay until the next submit.
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    const local = validateTicket(values);
    setFormError(null);
    setErrors(local);
    if (firstInvalid(local)) return focusField(firstInvalid(local));
    const input = normalizeTicket(values);
    setSending(true);
    const outcome = await onSubmit(input);
    // On success the panel is replaced by the thank-you; nothing left to update here.
    if (outcome.ok) return;
    setSending(false);
    const mapped =
      outcome.code === 'VALIDATION_FAILED'
        ? errorsFromDetails(outcome.details, input)
        : { fields: {}, other: true };
    setErrors(mapped.fields);
    if (mapped.other) setFormError(formErrorText(outcome.code));
    focusField(firstInvalid(mapped.fields));
  };

  return (
    <form class="ticket" noValidate onSubmit={(e) => void submit(e)} aria-label={strings.formLabel}>
      {p.intro}
      {TICKET_FIELDS.map((field) => (
        <TicketFieldRow
          key={field}
          field={field}
          value={values[field]}
          problem={errors[field]}
          onInput={(value) => change(field, value)}
          inputRef={refs[field]}
        />
      ))}
      {formError && (
        <p class="form-error" role="alert">
          {formError}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="primary-btn" aria-disabled={sending ? true : undefined}>
          {sending ? strings.formSending : strings.formSend}
        </button>
        {onCancel && (
          <button type="button" class="link-btn" onClick={onCancel}>
            {strings.keepWaiting}
          </button>
        )}
      </div>
    </form>
  );
}
