import {
  ColorInput,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { SiteSettingsPatch, SiteSummary, WidgetLanguage } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../../context';
import { errorDetails } from '../ApiErrorAlert';
import { languageOptions } from './siteForm';
import { SaveBar } from './SaveBar';

type Texts = Partial<Record<WidgetLanguage, string>>;
interface LookDraft {
  name: string;
  accentColor: string;
  position: 'right' | 'left';
  greeting: string;
  greetings: Texts;
  offlineMessage: Texts;
}

const translatable = languageOptions.filter((o) => o.value !== 'browser') as ReadonlyArray<{
  value: WidgetLanguage;
  label: string;
}>;

function draftOf(site: SiteSummary): LookDraft {
  const s = site.settings;
  return {
    name: site.name,
    accentColor: s.accentColor,
    position: s.position,
    greeting: s.greeting,
    greetings: s.greetings,
    offlineMessage: s.offlineMessage,
  };
}

/** Only the texts that are set, so an emptied field removes that language's text. */
const cleaned = (t: Texts): Texts =>
  Object.fromEntries(Object.entries(t).filter(([, v]) => v && v.trim() !== '')) as Texts;

function lookPatch(saved: LookDraft, d: LookDraft): SiteSettingsPatch {
  const patch: SiteSettingsPatch = {};
  if (d.name.trim() !== saved.name) patch.name = d.name.trim();
  if (d.accentColor.toLowerCase() !== saved.accentColor.toLowerCase())
    patch.accentColor = d.accentColor;
  if (d.position !== saved.position) patch.position = d.position;
  if (d.greeting.trim() !== saved.greeting) patch.greeting = d.greeting.trim();
  if (JSON.stringify(cleaned(d.greetings)) !== JSON.stringify(cleaned(saved.greetings)))
    patch.greetings = cleaned(d.greetings);
  if (JSON.stringify(cleaned(d.offlineMessage)) !== JSON.stringify(cleaned(saved.offlineMessage)))
    patch.offlineMessage = cleaned(d.offlineMessage);
  return patch;
}

/** The site's name, colour, launcher corner, and what the widget says, per language. */
export function SiteLookForm(props: {
  site: SiteSummary;
  canEdit: boolean;
  onSaved: (s: SiteSummary) => void;
}) {
  const { api } = useConsole();
  const saved = draftOf(props.site);
  const [draft, setDraft] = useState<LookDraft>(saved);
  const [lang, setLang] = useState<WidgetLanguage>('es');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const patch = lookPatch(saved, draft);
  const changed = Object.keys(patch).length > 0;
  const errors = errorDetails(error);
  const set = (p: Partial<LookDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setDone(false);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await api.updateSite(props.site.id, patch));
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const id = `site-${props.site.id}-look`;
  return (
    <form onSubmit={save} noValidate aria-labelledby={id}>
      <Text component="h3" size="sm" fw={700} id={id} mb={8}>
        Look and texts
      </Text>
      <Stack gap="md">
        <LookFields draft={draft} set={set} canEdit={props.canEdit} errors={errors} />
        <LanguageTexts
          draft={draft}
          set={set}
          lang={lang}
          setLang={setLang}
          canEdit={props.canEdit}
        />
        <SaveBar
          error={error}
          onDismiss={() => setError(null)}
          busy={busy}
          changed={changed}
          done={done}
          canEdit={props.canEdit}
          label="Save look and texts"
          compact
        />
      </Stack>
    </form>
  );
}

interface FieldsProps {
  draft: LookDraft;
  set: (p: Partial<LookDraft>) => void;
  canEdit: boolean;
}

function LookFields({
  draft,
  set,
  canEdit,
  errors,
}: FieldsProps & { errors: Record<string, string> }) {
  return (
    <>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <TextInput
          label="Site name"
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          disabled={!canEdit}
          error={errors.name}
          w={260}
        />
        <ColorInput
          label="Colour"
          value={draft.accentColor}
          onChange={(v) => set({ accentColor: v })}
          format="hex"
          disabled={!canEdit}
          error={errors.accentColor}
          w={160}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="launcher-corner">
            Launcher corner
          </Text>
          <SegmentedControl
            aria-labelledby="launcher-corner"
            value={draft.position}
            onChange={(v) => set({ position: v === 'left' ? 'left' : 'right' })}
            data={[
              { value: 'left', label: 'Bottom left' },
              { value: 'right', label: 'Bottom right' },
            ]}
            disabled={!canEdit}
          />
        </div>
      </Group>
      <Textarea
        label="Greeting"
        description="The first thing the chat says, in any language without its own greeting below."
        value={draft.greeting}
        onChange={(e) => set({ greeting: e.currentTarget.value })}
        autosize
        minRows={2}
        disabled={!canEdit}
        error={errors.greeting}
      />
    </>
  );
}

function LanguageTexts(
  props: FieldsProps & { lang: WidgetLanguage; setLang: (l: WidgetLanguage) => void },
) {
  const { draft, set, lang, canEdit } = props;
  const label = translatable.find((o) => o.value === lang)?.label ?? lang;
  return (
    <Stack gap="xs">
      <Select
        label="Texts in another language"
        description="Shoppers whose chat is in this language see these instead."
        data={translatable.map((o) => ({ value: o.value, label: o.label }))}
        value={lang}
        onChange={(v) => v && props.setLang(v as WidgetLanguage)}
        allowDeselect={false}
        w={260}
      />
      <Textarea
        label={`Greeting in ${label}`}
        value={draft.greetings[lang] ?? ''}
        onChange={(e) => set({ greetings: { ...draft.greetings, [lang]: e.currentTarget.value } })}
        autosize
        minRows={2}
        disabled={!canEdit}
      />
      <Textarea
        label={`Offline text in ${label}`}
        description="Above the message form when nobody can answer; empty for the standard text."
        value={draft.offlineMessage[lang] ?? ''}
        onChange={(e) =>
          set({ offlineMessage: { ...draft.offlineMessage, [lang]: e.currentTarget.value } })
        }
        autosize
        minRows={2}
        disabled={!canEdit}
      />
    </Stack>
  );
}
