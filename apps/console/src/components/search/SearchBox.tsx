import { Kbd, Loader, Popover, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useConsole } from '../../context';
import { navigate } from '../../hooks/useRoute';
import { SearchResults, type SearchPick } from './SearchResults';
import { jumpToMessage } from './jumpToMessage';
import { useSearch, useSlashFocus } from './useSearch';

/**
 * The console's search box: results while the agent types (the last word a prefix), grouped
 * into messages, chats, visitors and tickets; a message opens its chat at that message. "/" focuses it.
 */
export function SearchBox() {
  const { client } = useConsole();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useSlashFocus(input);
  const { found, more } = useSearch(text);

  const pick = (p: SearchPick) => {
    setOpen(false);
    input.current?.blur();
    if ('ticketId' in p) {
      navigate({ page: 'tickets', ticketId: p.ticketId });
      return;
    }
    navigate({ page: 'chats' });
    client.select(p.chatId);
    if (p.messageId) jumpToMessage(p.messageId);
  };

  return (
    <Popover
      opened={open && text.trim().length > 0}
      onChange={setOpen}
      position="bottom-start"
      width="target"
      shadow="md"
      trapFocus={false}
      returnFocus={false}
    >
      <Popover.Target>
        <TextInput
          ref={input}
          aria-label="Search"
          placeholder="Search chats, messages, visitors, tickets"
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              input.current?.blur();
            }
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={found.state === 'loading' ? <Loader size={14} /> : <Kbd size="xs">/</Kbd>}
          w={{ base: '100%', sm: 220, lg: 320 }}
          miw={180}
        />
      </Popover.Target>
      <Popover.Dropdown p={0} miw={320}>
        <SearchResults found={found} onPick={pick} onMore={more} />
      </Popover.Dropdown>
    </Popover>
  );
}
