import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { PrechatField, SiteSummary } from '@parley/protocol';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useReducer, useState, type Dispatch, type FormEvent } from 'react';
import { useConsole } from '../../../context';
import { errorDetails } from '../ApiErrorAlert';
import { SaveBar } from './SaveBar';
import {
  canAdd,
  MAX_PRECHAT_FIELDS,
  prechatBody,
  prechatErrors,
  prechatKindMeta,
  prechatKindOrder,
  prechatReducer,
  samePrechat,
  type PrechatAction,
  type PrechatErrors,
} from './prechatEditor';

/** Short names for the kind badge in front of each question. */
const kindBadge: Record<PrechatField['kind'], string> = {
  name: 'Name',
  email: 'Email',
  department: 'Department',
  text: 'Custom',
};

const addLabels: Record<PrechatField['kind'], string> = {
  name: 'Add name',
  email: 'Add email',
  department: 'Add department',
  text: 'Add custom question',
};

function fieldName(f: PrechatField): string {
  return f.label.trim() || prechatKindMeta[f.kind].label;
}

/**
 * The questions a visitor answers before the chat starts. The answers show at the top of the
 * agent's visitor panel; required ones must be filled in before the visitor can write.
 */
export function PrechatFieldsEditor({
  site,
  canEdit,
  onSaved,
}: {
  site: SiteSummary;
  canEdit: boolean;
  onSaved: (site: SiteSummary) => void;
}) {
  const { fields, edit, save, busy, error, setError, problems, done } = usePrechatForm(
    site,
    onSaved,
  );
  const saved = site.settings.prechatFields;
  const changed = !samePrechat(fields, saved);
  const id = `site-${site.id}-prechat`;

  return (
    <form onSubmit={save} noValidate aria-labelledby={id}>
      <Text component="h3" size="sm" fw={700} id={id} mb={2}>
        Pre-chat survey
      </Text>
      <Text size="xs" c="dimmed" mb={8} maw={640}>
        Asked before the visitor’s first message, in this order. Leave it empty to let visitors
        write straight away.
      </Text>
      <Stack gap={6}>
        {fields.length === 0 && (
          <Text size="sm" c="dimmed">
            No questions: visitors start chatting at once.
          </Text>
        )}
        {fields.map((f, i) => (
          <QuestionRow
            key={f.id}
            field={f}
            index={i}
            count={fields.length}
            problem={problems.byField[f.id]}
            canEdit={canEdit}
            edit={edit}
          />
        ))}
        {problems.list && (
          <Text size="xs" c="red.7" role="alert">
            {problems.list}
          </Text>
        )}
        {canEdit && <AddQuestion fields={fields} edit={edit} />}
        <SaveBar
          error={error}
          onDismiss={() => setError(null)}
          busy={busy}
          changed={changed}
          done={done}
          canEdit={canEdit}
          label="Save survey"
          compact
          onDiscard={() => edit({ type: 'reset', fields: saved })}
        />
      </Stack>
    </form>
  );
}

/** The questions as edited, and saving them with their problems mapped back onto them. */
function usePrechatForm(site: SiteSummary, onSaved: (site: SiteSummary) => void) {
  const { api } = useConsole();
  const [fields, dispatch] = useReducer(prechatReducer, site.settings.prechatFields);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<PrechatErrors>({ list: null, byField: {} });
  const [done, setDone] = useState(false);

  const edit: typeof dispatch = (action) => {
    dispatch(action);
    setDone(false);
    // Errors name positions in what was sent; after any edit they may point elsewhere.
    setProblems({ list: null, byField: {} });
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const sent = prechatBody(fields);
    setBusy(true);
    setError(null);
    setProblems({ list: null, byField: {} });
    try {
      onSaved(await api.updateSite(site.id, { prechatFields: sent }));
      setDone(true);
    } catch (err) {
      const mapped = prechatErrors(errorDetails(err), sent);
      setProblems(mapped);
      // A general alert only when the problems are not all shown next to their question.
      const shown = Object.keys(mapped.byField).length > 0 || mapped.list !== null;
      setError(shown ? null : err);
    } finally {
      setBusy(false);
    }
  }

  return { fields, edit, save, busy, error, setError, problems, done };
}

interface QuestionRowProps {
  field: PrechatField;
  index: number;
  count: number;
  problem: string | undefined;
  canEdit: boolean;
  edit: Dispatch<PrechatAction>;
}

/** One question: its kind, its label, whether it is required, and moving or removing it. */
function QuestionRow({ field: f, index: i, count, problem, canEdit, edit }: QuestionRowProps) {
  const name = fieldName(f);
  return (
    <Paper withBorder radius="md" px="sm" py={8}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Badge
          variant="light"
          color={f.kind === 'text' ? 'grape' : 'indigo'}
          w={96}
          mt={6}
          style={{ flex: 'none' }}
          tt="none"
          title={prechatKindMeta[f.kind].hint}
        >
          {kindBadge[f.kind]}
        </Badge>
        <TextInput
          aria-label={`Label of question ${i + 1}`}
          placeholder={
            f.kind === 'text'
              ? 'Question, e.g. Order number'
              : `${prechatKindMeta[f.kind].label} (translated default)`
          }
          value={f.label}
          maxLength={100}
          onChange={(e) => edit({ type: 'label', id: f.id, label: e.currentTarget.value })}
          error={problem}
          readOnly={!canEdit}
          style={{ flex: 1 }}
          dir="auto"
        />
        <Switch
          label="Required"
          checked={f.required}
          onChange={(e) => edit({ type: 'required', id: f.id, required: e.currentTarget.checked })}
          disabled={!canEdit}
          mt={8}
          style={{ flex: 'none' }}
          aria-label={`${name} required`}
        />
        {canEdit && (
          <QuestionMoves id={f.id} name={name} first={i === 0} last={i === count - 1} edit={edit} />
        )}
      </Group>
    </Paper>
  );
}

function QuestionMoves(props: {
  id: string;
  name: string;
  first: boolean;
  last: boolean;
  edit: Dispatch<PrechatAction>;
}) {
  const { id, name, edit } = props;
  return (
    <Group gap={2} wrap="nowrap" style={{ flex: 'none' }} mt={2}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${name} up`}
        disabled={props.first}
        onClick={() => edit({ type: 'move', id, by: -1 })}
      >
        <IconArrowUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${name} down`}
        disabled={props.last}
        onClick={() => edit({ type: 'move', id, by: 1 })}
      >
        <IconArrowDown size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`Remove ${name}`}
        onClick={() => edit({ type: 'remove', id })}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/** One button per kind of question that may still be added. */
function AddQuestion({
  fields,
  edit,
}: {
  fields: readonly PrechatField[];
  edit: Dispatch<PrechatAction>;
}) {
  return (
    <Group gap={4} mt={2}>
      {prechatKindOrder.map((kind) => (
        <Button
          key={kind}
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={!canAdd(fields, kind)}
          title={prechatKindMeta[kind].hint}
          onClick={() => edit({ type: 'add', kind })}
        >
          {addLabels[kind]}
        </Button>
      ))}
      {fields.length >= MAX_PRECHAT_FIELDS && (
        <Text size="xs" c="dimmed">
          At most {MAX_PRECHAT_FIELDS} questions.
        </Text>
      )}
    </Group>
  );
}
