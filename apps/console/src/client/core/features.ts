import type { ConversationControl } from '../conversations/conversationControl';
import type { DirectControl } from '../direct/directControl';
import type { SendingControl } from '../messages/sendingControl';
import type { TeamControl } from '../team/teamControl';
import type { VisitorControl } from '../visitors/visitorControl';
import type { ConnectionControl } from './connectionControl';

/**
 * The console's features, each a controller over the one Store. They call each other through
 * this (a reconnect re-lists chats and visitors, an accepted invitation opens its chat...).
 */
export interface Features {
  readonly connection: ConnectionControl;
  readonly conversation: ConversationControl;
  readonly sending: SendingControl;
  readonly team: TeamControl;
  readonly visitors: VisitorControl;
  readonly direct: DirectControl;
}
