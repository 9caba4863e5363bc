import { useRef, useState } from 'preact/hooks';
import type { VisitorSelf } from '@parley/protocol';
import type { Outcome } from '../state/types';
import { fmt, formError, strings, type FieldProblem } from '../strings';
import { checkEmail, Field } from './Field';

/** A request's result as a line under the form: what happened, or what went wrong. */
function Result({ ok, text }: { ok: boolean; text: string }) {
  return (
    <p class={ok ? 'form-ok' : 'form-error'} role={ok ? 'status' : 'alert'}>
      {text}
    </p>
  );
}

/** "Email transcript": where to (and, if asked, to the shop too), then "Sent to …". */
export function TranscriptForm({
  email,
  onSend,
}: {
  email: string;
  onSend: (email: string, toShop: boolean) => Promise<Outcome & { sentTo?: string }>;
}) {
  const [value, setValue] = useState(email);
  const [toShop, setToShop] = useState(false);
  const [problem, setProblem] = useState<FieldProblem>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const bad = checkEmail(value, true);
    setProblem(bad);
    setResult(null);
    if (bad) return input.current?.focus();
    setBusy(true);
    const outcome = await onSend(value, toShop);
    setBusy(false);
    if (outcome.ok)
      return setResult({ ok: true, text: fmt(strings.sentTo, outcome.sentTo ?? value) });
    if (outcome.code === 'VALIDATION_FAILED' && outcome.details?.email) {
      setProblem('invalid');
      input.current?.focus();
    } else setResult({ ok: false, text: formError(outcome.code) });
  };

  return (
    <form class="sheet-form" noValidate onSubmit={(e) => void submit(e)}>
      <p class="sheet-intro">{strings.transcriptIntro}</p>
      <Field
        id="transcript-email"
        kind="email"
        type="email"
        autocomplete="email"
        label={strings.formEmail}
        value={value}
        problem={problem}
        inputRef={input}
        onInput={(v) => {
          setValue(v);
          setProblem(undefined);
        }}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={toShop}
          onChange={(e) => setToShop((e.target as HTMLInputElement).checked)}
        />
        {strings.transcriptToShop}
      </label>
      {result && <Result {...result} />}
      <button type="submit" class="primary-btn" aria-disabled={busy ? true : undefined}>
        {busy ? strings.formSending : strings.sendTranscript}
      </button>
    </form>
  );
}

/** "Your details": name and email, prefilled; verified values keep a lock but stay editable. */
export function DetailsForm({
  visitor,
  onSave,
}: {
  visitor: VisitorSelf | null;
  onSave: (values: { name: string; email: string }) => Promise<Outcome>;
}) {
  const [name, setName] = useState(visitor?.name ?? '');
  const [email, setEmail] = useState(visitor?.email ?? '');
  const [problems, setProblems] = useState<{ name?: FieldProblem; email?: FieldProblem }>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const refs = { name: useRef<HTMLInputElement>(null), email: useRef<HTMLInputElement>(null) };
  const verified = new Set(visitor?.verified ?? []);
  // Verified only while unchanged: an edited value is the visitor's own.
  const isVerified = (key: 'name' | 'email', value: string) =>
    verified.has(key) && value.trim() === (visitor?.[key] ?? '');
  /** Typing in a field clears its problem and the last result. */
  const edit = (key: 'name' | 'email', set: (value: string) => void) => (value: string) => {
    set(value);
    setProblems((p) => ({ ...p, [key]: undefined }));
    setResult(null);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const local = {
      name: name.trim().length > 100 ? ('tooLong' as const) : undefined,
      email: checkEmail(email, false),
    };
    setProblems(local);
    setResult(null);
    if (local.name) return refs.name.current?.focus();
    if (local.email) return refs.email.current?.focus();
    setBusy(true);
    const outcome = await onSave({ name, email });
    setBusy(false);
    if (outcome.ok) return setResult({ ok: true, text: strings.saved });
    const refused = fieldsRefused(outcome);
    if (refused) {
      setProblems(refused);
      (refused.name ? refs.name : refs.email).current?.focus();
    } else setResult({ ok: false, text: formError(outcome.code) });
  };

  return (
    <form class="sheet-form" noValidate onSubmit={(e) => void submit(e)}>
      <p class="sheet-intro">{strings.detailsIntro}</p>
      <Field
        id="details-name"
        kind="name"
        autocomplete="name"
        maxLength={100}
        label={strings.formName}
        value={name}
        problem={problems.name}
        verified={isVerified('name', name)}
        inputRef={refs.name}
        onInput={edit('name', setName)}
      />
      <Field
        id="details-email"
        kind="email"
        type="email"
        autocomplete="email"
        label={strings.formEmail}
        value={email}
        problem={problems.email}
        verified={isVerified('email', email)}
        inputRef={refs.email}
        onInput={edit('email', setEmail)}
      />
      {result && <Result {...result} />}
      <button type="submit" class="primary-btn" aria-disabled={busy ? true : undefined}>
        {busy ? strings.saving : strings.save}
      </button>
    </form>
  );
}

/** The fields the server found invalid, or null when it refused for another reason. */
function fieldsRefused(outcome: Outcome & { ok: false }) {
  const details = outcome.details ?? {};
  if (outcome.code !== 'VALIDATION_FAILED' || !(details.name || details.email)) return null;
  return {
    name: details.name ? ('invalid' as const) : undefined,
    email: details.email ? ('invalid' as const) : undefined,
  };
}

/** "End chat" asks first; the safe answer has focus. */
export function EndChatConfirm({
  onConfirm,
  onCancel,
}: {
  onConfirm: () => Promise<boolean>;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="sheet-form">
      <p class="sheet-intro">{strings.endChatBody}</p>
      <div class="sheet-actions">
        <button type="button" class="secondary-btn" onClick={onCancel}>
          {strings.cancel}
        </button>
        <button
          type="button"
          class="primary-btn danger"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (busy) return;
            setBusy(true);
            void onConfirm().then(() => setBusy(false));
          }}
        >
          {strings.endChatConfirm}
        </button>
      </div>
    </div>
  );
}
