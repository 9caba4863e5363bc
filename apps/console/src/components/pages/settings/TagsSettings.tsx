import {
  Badge,
  Button,
  ColorSwatch,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { MAX_TAG_NAME_LENGTH, tagColors } from '@parley/protocol/contract';
import type { Tag, TagColor } from '@parley/protocol';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useConsole } from '../../../context';
import { TagBadge } from '../../tags/TagBadge';
import { useTags } from '../../tags/useTags';
import { ApiErrorAlert } from '../ApiErrorAlert';
import classes from '../Page.module.css';
import { EditButton } from './EditButton';
import { FormModal, useSubmit } from './FormModal';

const colourName = (c: TagColor) => c[0]!.toUpperCase() + c.slice(1);

/** The palette as a select whose options show their colour. */
function ColourChoice(props: { value: TagColor; onChange: (c: TagColor) => void; error?: string }) {
  return (
    <Select
      label="Colour"
      data={tagColors.map((c) => ({ value: c, label: colourName(c) }))}
      value={props.value}
      onChange={(v) => v && props.onChange(v as TagColor)}
      allowDeselect={false}
      error={props.error}
      leftSection={<ColorSwatch size={14} color={`var(--mantine-color-${props.value}-6)`} />}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <ColorSwatch size={14} color={`var(--mantine-color-${option.value}-6)`} />
          {option.label}
        </Group>
      )}
    />
  );
}

function TagModal({ tag, onDone }: { tag: Tag | null; onDone: () => void }) {
  const { api } = useConsole();
  const [name, setName] = useState(tag?.name ?? '');
  const [color, setColor] = useState<TagColor>(tag?.color ?? 'blue');
  const state = useSubmit();
  const { fields } = state;
  const save = async () => {
    // The list follows from the server's tags:updated, in every open console.
    await (tag ? api.updateTag(tag.id, { name, color }) : api.createTag({ name, color }));
    onDone();
  };
  return (
    <FormModal
      title={tag ? `Edit ${tag.name}` : 'New tag'}
      state={state}
      onSubmit={save}
      onClose={onDone}
      submitLabel={tag ? 'Save' : 'Create tag'}
    >
      <TextInput
        label="Name"
        placeholder="Refund"
        required
        maxLength={MAX_TAG_NAME_LENGTH}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fields.name}
        data-autofocus
      />
      <ColourChoice value={color} onChange={setColor} error={fields.color} />
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Looks like
        </Text>
        <TagBadge tag={{ id: 'preview', name: name.trim() || 'Tag', color }} />
      </Group>
    </FormModal>
  );
}

function DeleteTagModal({ tag, onDone }: { tag: Tag; onDone: () => void }) {
  const { api } = useConsole();
  const state = useSubmit();
  const remove = async () => {
    await api.deleteTag(tag.id);
    onDone();
  };
  return (
    <FormModal
      title={`Delete ${tag.name}?`}
      state={state}
      onSubmit={remove}
      onClose={onDone}
      submitLabel="Delete tag"
      danger
    >
      <Text size="sm">
        The tag comes off every chat that has it, open or archived. This cannot be undone.
      </Text>
    </FormModal>
  );
}

/** Settings → Tags: every agent adds them to chats; admins name, colour and delete them. */
export function TagsSettings({ canEdit }: { canEdit: boolean }) {
  const { tags, status } = useTags();
  const [editing, setEditing] = useState<Tag | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Agents put tags on chats (“Add tag” in a chat’s header); the Archive and search filter by
          them.
        </Text>
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            New tag
          </Button>
        )}
      </Group>
      {status === 'error' && <ApiErrorAlert error={new Error('The tags could not be loaded.')} />}
      {status === 'ready' && tags.length === 0 && (
        <Text size="sm" c="dimmed">
          No tags yet.
        </Text>
      )}
      {tags.length > 0 && (
        <div className={classes.table}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Tags">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tag</Table.Th>
                <Table.Th visibleFrom="sm">Colour</Table.Th>
                {canEdit && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tags.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td miw={120}>
                    <TagBadge tag={t} size="md" />
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Badge variant="dot" color={t.color} tt="none">
                      {colourName(t.color)}
                    </Badge>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="wrap">
                        <EditButton name={t.name} onClick={() => setEditing(t)} />
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          aria-label={`Delete ${t.name}`}
                          onClick={() => setDeleting(t)}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {editing && (
        <TagModal tag={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {deleting && <DeleteTagModal tag={deleting} onDone={() => setDeleting(null)} />}
    </Stack>
  );
}
