import {
  ActionIcon,
  Button,
  Combobox,
  Group,
  TextInput,
  Tooltip,
  useCombobox,
} from '@mantine/core';
import { MAX_TITLE_LENGTH } from '@parley/protocol/contract';
import type { Conversation } from '@parley/protocol';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/http';
import { tagsToAdd } from '../../client/tags/tags';
import { useConsole } from '../../context';
import { TagBadge } from './TagBadge';
import { useTags } from './useTags';

type Run = (action: () => Promise<Conversation>) => Promise<boolean>;

/** Calls the server and shows its answer at once; a refusal is said in the header. */
function useLabelAction(onError: (message: string) => void): [boolean, Run] {
  const { client } = useConsole();
  const [busy, setBusy] = useState(false);
  const run: Run = async (action) => {
    setBusy(true);
    try {
      client.tags.applyChat(await action());
      return true;
    } catch (err) {
      onError(err instanceof ApiError ? err.message : 'That did not work.');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}

/**
 * "Rename chat": the title becomes a field; Enter saves (blank clears the title), Escape or
 * leaving the field cancels.
 */
export function RenameChat(props: {
  c: Conversation;
  editing: boolean;
  onEditing: (editing: boolean) => void;
  onError: (message: string) => void;
}) {
  const { c, editing, onEditing } = props;
  const { api } = useConsole();
  const [draft, setDraft] = useState('');
  const [busy, run] = useLabelAction(props.onError);

  if (!editing)
    return (
      <Tooltip label="Rename chat">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label="Rename chat"
          style={{ flex: 'none' }}
          onClick={() => {
            setDraft(c.title ?? '');
            onEditing(true);
          }}
        >
          <IconPencil size={15} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );

  const save = async () => {
    if ((draft.trim() || null) === c.title) return onEditing(false);
    if (await run(() => api.renameChat(c.id, draft.trim() || null))) onEditing(false);
  };
  return (
    <TextInput
      aria-label="Chat title"
      placeholder="Name this chat (blank: the visitor's name)"
      size="xs"
      autoFocus
      value={draft}
      maxLength={MAX_TITLE_LENGTH}
      disabled={busy}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onEditing(false);
        }
      }}
      onBlur={() => {
        if (!busy) onEditing(false);
      }}
      style={{ flex: 1, minWidth: 160, maxWidth: 420 }}
    />
  );
}

/** The chat's tags, each with an x, and "Add tag": a searchable list of the existing tags. */
export function ChatTags({ c, onError }: { c: Conversation; onError: (m: string) => void }) {
  const { api } = useConsole();
  const { tags, status } = useTags();
  const [busy, run] = useLabelAction(onError);
  const [typed, setTyped] = useState('');
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setTyped('');
    },
    onDropdownOpen: () => combobox.focusSearchInput(),
  });
  const choices = tagsToAdd(tags, c, typed);

  return (
    <Group gap={6} wrap="wrap" mt={6} role="group" aria-label="Tags of this chat">
      {c.tags.map((t) => (
        <TagBadge
          key={t.id}
          tag={t}
          disabled={busy}
          onRemove={() => void run(() => api.removeChatTag(c.id, t.id))}
        />
      ))}
      <Combobox
        store={combobox}
        width={240}
        position="bottom-start"
        withinPortal
        onOptionSubmit={(tagId) => {
          combobox.closeDropdown();
          void run(() => api.addChatTag(c.id, tagId));
        }}
      >
        <Combobox.Target>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPlus size={12} aria-hidden />}
            loading={busy}
            onClick={() => combobox.toggleDropdown()}
          >
            Add tag
          </Button>
        </Combobox.Target>
        <Combobox.Dropdown>
          <Combobox.Search
            aria-label="Find a tag"
            placeholder="Find a tag"
            value={typed}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              combobox.updateSelectedOptionIndex();
            }}
          />
          <Combobox.Options mah={240} style={{ overflowY: 'auto' }} aria-label="Tags">
            {choices.map((t) => (
              <Combobox.Option value={t.id} key={t.id} aria-label={t.name}>
                <TagBadge tag={t} />
              </Combobox.Option>
            ))}
            {choices.length === 0 && (
              <Combobox.Empty>
                {status === 'loading'
                  ? 'Loading…'
                  : tags.length === 0
                    ? 'No tags yet: admins add them in Settings → Tags.'
                    : 'No other tag matches.'}
              </Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
    </Group>
  );
}
