import type { PrechatField, VisitorSelf, WidgetConfig } from '@parley/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  firstPrechatError,
  prechatDefaults,
  prechatErrorsFromDetails,
  validatePrechat,
  type PrechatErrors,
  type PrechatValues,
} from '../state/prechat';
import type { Outcome } from '../state/types';
import { formError, strings, type FieldProblem } from '../strings';
import { Field } from './Field';

interface Props {
  fields: readonly PrechatField[];
  config: WidgetConfig;
  visitor: VisitorSelf | null;
  onSubmit: (values: PrechatValues) => Promise<Outcome>;
  /** Put the cursor in the first field (the visitor just opened the chat). */
  autoFocus: boolean;
}

/** Built-in questions have translated labels unless the site wrote its own. */
function labelOf(f: PrechatField): string {
  if (f.label) return f.label;
  return f.kind === 'name'
    ? strings.formName
    : f.kind === 'email'
      ? strings.formEmail
      : f.kind === 'department'
        ? strings.department
        : f.id;
}

interface QuestionProps {
  f: PrechatField;
  config: WidgetConfig;
  value: string;
  problem: FieldProblem | undefined;
  onInput: (value: string) => void;
}

/** One question: a text field, or the list of departments to choose from. */
function Question({ f, config, value, problem, onInput }: QuestionProps) {
  const id = `prechat-${f.id}`;
  const common = {
    id,
    kind: f.kind === 'text' ? 'field' : f.kind,
    label: labelOf(f),
    value,
    problem,
    optional: !f.required,
    onInput,
  };
  if (f.kind !== 'department')
    return (
      <Field
        {...common}
        type={f.kind === 'email' ? 'email' : 'text'}
        autocomplete={f.kind === 'name' ? 'name' : f.kind === 'email' ? 'email' : 'off'}
        maxLength={f.kind === 'name' ? 100 : f.kind === 'email' ? 254 : 1000}
      />
    );
  return (
    <Field {...common}>
      <select
        id={id}
        class="field-input"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        aria-required={f.required ? true : undefined}
        onChange={(e) => onInput(e.currentTarget.value)}
      >
        <option value="">{strings.choose}</option>
        {config.departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The site's questions before the chat; sending them starts it. */
export function PrechatForm({ fields, config, visitor, onSubmit, autoFocus }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    prechatDefaults(fields, visitor),
  );
  const [errors, setErrors] = useState<PrechatErrors>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLFormElement>(null);
  const focus = (id: string | undefined) =>
    id && box.current?.querySelector<HTMLElement>(`#prechat-${id}`)?.focus();

  useEffect(() => {
    if (autoFocus) focus(fields[0]?.id);
  }, [autoFocus]);

  // Details that arrive after the form is shown (visitor:me, identify) fill empty fields.
  useEffect(() => {
    const defaults = prechatDefaults(fields, visitor);
    setValues((v) => {
      const next = { ...v };
      for (const [id, value] of Object.entries(defaults)) if (!next[id]) next[id] = value;
      return next;
    });
  }, [visitor]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const local = validatePrechat(fields, values);
    setErrors(local);
    setFormProblem(null);
    if (firstPrechatError(fields, local)) return focus(firstPrechatError(fields, local));
    setBusy(true);
    const outcome = await onSubmit(values);
    // Started: the chat takes this form's place.
    if (outcome.ok) return;
    setBusy(false);
    const mapped =
      outcome.code === 'VALIDATION_FAILED'
        ? prechatErrorsFromDetails(fields, outcome.details)
        : { errors: {}, other: true };
    setErrors(mapped.errors);
    if (mapped.other) setFormProblem(formError(outcome.code));
    focus(firstPrechatError(fields, mapped.errors));
  };

  return (
    <form
      class="ticket prechat"
      ref={box}
      noValidate
      aria-labelledby="prechat-title"
      onSubmit={(e) => void submit(e)}
    >
      <div>
        <h2 class="notice-title" id="prechat-title">
          {strings.prechatTitle}
        </h2>
        <p class="notice-body">{strings.prechatIntro}</p>
      </div>
      {fields.map((f) => (
        <Question
          key={f.id}
          f={f}
          config={config}
          value={values[f.id] ?? ''}
          problem={errors[f.id]}
          onInput={(value) => {
            setValues((v) => ({ ...v, [f.id]: value }));
            if (errors[f.id]) setErrors((e) => ({ ...e, [f.id]: undefined }) as PrechatErrors);
          }}
        />
      ))}
      {formProblem && (
        <p class="form-error" role="alert">
          {formProblem}
        </p>
      )}
      <button type="submit" class="primary-btn" aria-disabled={busy ? true : undefined}>
        {busy ? strings.starting : strings.startChat}
      </button>
    </form>
  );
}
