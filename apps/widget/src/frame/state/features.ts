import type { ConnectionControl } from './connection';
import type { ConversationControl } from './conversation';
import type { FormsControl } from './forms';
import type { SendingControl } from './sending';
import type { VisitorControl } from './visitor';

/**
 * The chat's features, each a controller over the one Store. They call each other through
 * this (a message arriving re-reads the conversation, a started chat flushes the outbox...).
 */
export interface Features {
  readonly connection: ConnectionControl;
  readonly conversation: ConversationControl;
  readonly sending: SendingControl;
  readonly forms: FormsControl;
  readonly visitor: VisitorControl;
}
