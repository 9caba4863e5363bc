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

/**
 * The message form for when nobody can answer: name, email, message. Errors are shown next to
 * their field (ours first, then the server's), and focus goes to the first field to fix.
 */
export function MessageForm({
  initialMessage,
  onSubmit,
  onCancel,
  autoFocus,
  intro,
  onEdit,
}: Props) {
  const [values, setValues] = useState<TicketInput>(() => ({
    name: '',
    email: '',
    message: initialMessage,
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
    if (firstInvalid(local)) {
      focusField(firstInvalid(local));
      return;
    }
    const input = normalizeTicket(values);
    setSending(true);
    const outcome = await onSubmit(input);
    // On success the panel is replaced by the thank-you; nothing left to update here.
    if (outcome.ok) return;
    setSending(false);
    if (outcome.code === 'VALIDATION_FAILED') {
      const mapped = errorsFromDetails(outcome.details, input);
      setErrors(mapped.fields);
      if (mapped.other) setFormError(formErrorText(outcome.code));
      focusField(firstInvalid(mapped.fields));
    } else {
      setFormError(formErrorText(outcome.code));
    }
  };

  return (
    <form class="ticket" noValidate onSubmit={(e) => void submit(e)} aria-label={strings.formLabel}>
      {intro}
      {TICKET_FIELDS.map((field) => {
        const id = `ticket-${field}`;
        const problem = errors[field];
        const common = {
          id,
          name: field,
          value: values[field],
          autocomplete: AUTOCOMPLETE[field],
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${id}-error` : undefined,
          class: 'field-input',
          dir: 'auto' as const,
          onInput: (e: Event) => change(field, (e.currentTarget as HTMLInputElement).value),
        };
        return (
          <div class={problem ? 'field has-error' : 'field'} key={field}>
            <label for={id} class="field-label">
              {label(field)}
            </label>
            {field === 'message' ? (
              <textarea {...common} ref={refs.message} rows={3} maxLength={TICKET_LIMITS.message} />
            ) : (
              <input
                {...common}
                ref={refs[field]}
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
      })}
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
