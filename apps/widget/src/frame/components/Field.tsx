import type { ComponentChildren, Ref } from 'preact';
import { fieldError, strings, type FieldProblem } from '../strings';
import { LockIcon } from './icons';

// Deliberately loose (one @, a dot in the domain, no spaces): the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FieldProps {
  id: string;
  label: string;
  /** 'name' | 'email' words the error; any other kind gets the generic wording. */
  kind: string;
  value: string;
  onInput: (value: string) => void;
  problem?: FieldProblem;
  optional?: boolean;
  /** A signed identity vouches for this value: a lock, and "Verified" for screen readers. */
  verified?: boolean;
  type?: 'text' | 'email';
  autocomplete?: string;
  maxLength?: number;
  inputRef?: Ref<HTMLInputElement>;
  /** In place of the text input (a select). */
  children?: ComponentChildren;
}

/** A labelled input with its problem under it, tied together for screen readers. */
export function Field(p: FieldProps) {
  const errorId = `${p.id}-error`;
  return (
    <div class={p.problem ? 'field has-error' : 'field'}>
      <label for={p.id} class="field-label">
        <span dir="auto">{p.label}</span>
        {p.optional && <span class="field-optional"> ({strings.optional})</span>}
        {p.verified && (
          <span class="verified" title={strings.verified}>
            <LockIcon />
            <span class="sr">{strings.verified}</span>
          </span>
        )}
      </label>
      {p.children ?? (
        <input
          id={p.id}
          ref={p.inputRef}
          class="field-input"
          type={p.type ?? 'text'}
          value={p.value}
          dir="auto"
          autocomplete={p.autocomplete}
          maxLength={p.maxLength}
          spellcheck={p.type === 'email' ? false : undefined}
          aria-invalid={p.problem ? true : undefined}
          aria-describedby={p.problem ? errorId : undefined}
          aria-required={p.optional === false ? true : undefined}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      )}
      {p.problem && (
        <p id={errorId} class="field-error" role="alert">
          {fieldError(p.kind, p.problem)}
        </p>
      )}
    </div>
  );
}

export function checkEmail(value: string, required: boolean): FieldProblem | undefined {
  const v = value.trim();
  if (!v) return required ? 'required' : undefined;
  return EMAIL.test(v) && v.length <= 254 ? undefined : 'invalid';
}
