import type { RefObject } from 'preact';
import type { VisitorSelf } from '@parley/protocol';
import type { ChatStore } from '../state/chatStore';
import { currentLanguage, strings } from '../strings';
import { Dialog } from './Dialog';
import { DetailsForm, EndChatConfirm, TranscriptForm } from './Forms';

/** The sheets the "More options" menu opens. */
export type SheetName = 'details' | 'transcript' | 'end';

interface Props {
  name: SheetName;
  store: ChatStore;
  visitor: VisitorSelf | null;
  onClose: () => void;
  /** The menu button: focus goes back there when the sheet closes. */
  returnFocus: RefObject<HTMLButtonElement>;
}

/**
 * What the menu opened: the visitor's details, the transcript by email, or ending the chat.
 * It comes with the click-only chunk (Extras), which a sheet waits for anyway.
 */
export function MenuSheet({ name, store, visitor, onClose, returnFocus }: Props) {
  if (name === 'details')
    return (
      <Dialog title={strings.yourDetails} onClose={onClose} returnFocus={returnFocus}>
        <DetailsForm visitor={visitor} onSave={(values) => store.updateVisitor(values)} />
      </Dialog>
    );
  if (name === 'transcript')
    return (
      <Dialog title={strings.emailTranscript} onClose={onClose} returnFocus={returnFocus}>
        <TranscriptForm
          email={visitor?.email ?? ''}
          onSend={(email, toShop) => store.sendTranscript(email, currentLanguage(), toShop)}
        />
      </Dialog>
    );
  return (
    <Dialog title={strings.endChatQuestion} onClose={onClose} returnFocus={returnFocus} alert>
      <EndChatConfirm
        onCancel={onClose}
        onConfirm={async () => {
          const ended = await store.endChat();
          if (ended) onClose();
          return ended;
        }}
      />
    </Dialog>
  );
}
