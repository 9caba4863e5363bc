import { Anchor, Badge, Button, Group, Loader, Modal, Text, TextInput } from '@mantine/core';
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
  const { responses } = useCanned();
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupCanned(searchCanned(responses, query)), [responses, query]);

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
      <PickerStatus query={query} empty={groups.length === 0} onClose={onClose} />
      <div className={classes.groups}>
        {groups.map((g) => (
          <section key={g.scope} aria-label={scopeLabels[g.scope]}>
            <Text className={classes.groupTitle} component="h3">
              {scopeLabels[g.scope]}
            </Text>
            <ul className={classes.list}>
              {g.items.map((r) => (
                <CannedItem
                  key={r.id}
                  title={r.title}
                  shortcut={r.shortcut}
                  text={fill(r.body)}
                  canSend={canSend}
                  onInsert={(text) => {
                    onInsert(text);
                    onClose();
                  }}
                  onSend={(text) => {
                    onSend(text);
                    onClose();
                  }}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Modal>
  );
}

interface ItemProps {
  title: string;
  shortcut: string | null;
  /** The body with this chat's names filled in. */
  text: string;
  canSend: boolean;
  onInsert: (text: string) => void;
  onSend: (text: string) => void;
}

function CannedItem({ title, shortcut, text, canSend, onInsert, onSend }: ItemProps) {
  return (
    <li className={classes.item}>
      <div className={classes.itemHead}>
        <Text fw={600} size="sm" className={classes.title} dir="auto">
          {title}
        </Text>
        {shortcut && (
          <Badge variant="light" color="gray" tt="none" size="sm" ff="monospace">
            /{shortcut}
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
          aria-label={`Insert ${title}`}
          onClick={() => onInsert(text)}
        >
          Insert
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          disabled={!canSend}
          aria-label={`Send ${title} as is`}
          onClick={() => onSend(text)}
        >
          Send as is
        </Button>
      </Group>
    </li>
  );
}

/** Loading, a failed load, no replies at all, or none matching the search. */
function PickerStatus({
  query,
  empty,
  onClose,
}: {
  query: string;
  empty: boolean;
  onClose: () => void;
}) {
  const { responses, status, error } = useCanned();
  return (
    <>
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
      {responses.length > 0 && empty && (
        <Text c="dimmed" size="sm">
          Nothing matches “{query}”.
        </Text>
      )}
    </>
  );
}
