import { Anchor, Badge, Button, Group, Loader, Modal, Text, TextInput } from '@mantine/core';
import type { CannedResponse } from '@parley/protocol';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { groupCanned, scopeLabels, searchCanned } from '../../client/canned/canned';
import { useCanned } from '../../context';
import { routeHref } from '../../route';
import classes from './CannedPicker.module.css';

interface CannedPickerProps {
  opened: boolean;
  onClose: () => void;
  /** Fills {visitor}, {agent}, {department} for this chat. */
  fill: (body: string) => string;
  onInsert: (text: string) => void;
  onSend: (text: string) => void;
  /** Sending is not possible (e.g. only notes here): insert still is. */
  canSend: boolean;
}

/** Saved replies, searchable and grouped by whose they are; insert to edit, or send as they are. */
export function CannedPicker({
  opened,
  onClose,
  fill,
  onInsert,
  onSend,
  canSend,
}: CannedPickerProps) {
  const { responses, status, error } = useCanned();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupCanned(searchCanned(responses, query)), [responses, query]);

  const item = (r: CannedResponse) => {
    const text = fill(r.body);
    return (
      <li key={r.id} className={classes.item}>
        <div className={classes.itemHead}>
          <Text fw={600} size="sm" className={classes.title} dir="auto">
            {r.title}
          </Text>
          {r.shortcut && (
            <Badge variant="light" color="gray" tt="none" size="sm" ff="monospace">
              /{r.shortcut}
            </Badge>
          )}
        </div>
        <Text size="xs" c="gray.7" className={classes.preview} dir="auto">
          {text}
        </Text>
        <Group gap={6} mt={6}>
          <Button
            size="compact-xs"
            variant="light"
            aria-label={`Insert ${r.title}`}
            onClick={() => {
              onInsert(text);
              onClose();
            }}
          >
            Insert
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={!canSend}
            aria-label={`Send ${r.title} as is`}
            onClick={() => {
              onSend(text);
              onClose();
            }}
          >
            Send as is
          </Button>
        </Group>
      </li>
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Canned responses"
      size="lg"
      scrollAreaComponent={undefined}
      classNames={{ body: classes.body }}
    >
      <TextInput
        placeholder="Search title, shortcut or text"
        aria-label="Search canned responses"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-autofocus
        mb="sm"
      />
      {status === 'loading' && responses.length === 0 && <Loader size="sm" aria-label="Loading" />}
      {status === 'error' && (
        <Text c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
      {status === 'ready' && responses.length === 0 && (
        <Text c="dimmed" size="sm">
          No saved replies yet.{' '}
          <Anchor href={routeHref({ page: 'replies' })} onClick={onClose} size="sm">
            Create one under Replies
          </Anchor>
          .
        </Text>
      )}
      {responses.length > 0 && groups.length === 0 && (
        <Text c="dimmed" size="sm">
          Nothing matches “{query}”.
        </Text>
      )}
      <div className={classes.groups}>
        {groups.map((g) => (
          <section key={g.scope} aria-label={scopeLabels[g.scope]}>
            <Text className={classes.groupTitle} component="h3">
              {scopeLabels[g.scope]}
            </Text>
            <ul className={classes.list}>{g.items.map(item)}</ul>
          </section>
        ))}
      </div>
    </Modal>
  );
}
