import type { AuthorType, LiveVisitor, ProactiveInvitation, VisitorSelf } from '@parley/protocol';
import type { ConversationSnapshot } from '../storage/conversations.js';
import type { AgentRow, DirectMessageRow, MessageRow } from '../storage/schema.js';
import type { InvitationView } from '../storage/invitations.js';

/**
 * Domain events, published after the commit that caused them. The gateway turns them into
 * socket emits; later subscribers (webhooks, reports) can listen to the same stream.
 */
export type DomainEvent =
  | {
      type: 'message.created';
      message: MessageRow;
      conversationId: string;
      visitorId: string;
      assigneeId: string | null;
      /** Waiting chats are visible to every agent, so their messages go to all of them. */
      waiting: boolean;
    }
  | {
      type: 'conversation.changed';
      conversation: ConversationSnapshot;
      previousStatus: ConversationSnapshot['status'] | null;
      previousAssigneeId: string | null;
    }
  | {
      type: 'typing';
      conversationId: string;
      visitorId: string;
      assigneeId: string | null;
      author: { type: AuthorType; id: string | null; name: string | null };
      typing: boolean;
      /** Sneak peek text, already filtered by the setting; never stored. */
      preview?: string;
    }
  | { type: 'agent.changed'; agent: AgentRow }
  /** A session was signed out: its live sockets must go too. */
  | { type: 'session.ended'; sessionId: string }
  /** An agent's first connection opened, or their last one closed. */
  | { type: 'agent.presence'; agentId: string; connected: boolean }
  /** Whether anyone can answer on a site changed: the widget shows the chat or the message form. */
  | { type: 'site.availability'; siteId: string; available: boolean }
  | { type: 'invitation.changed'; invitation: InvitationView }
  /** A visitor's page, state, identity or presence changed; `self` when their own tabs should know. */
  | { type: 'visitor.changed'; visitor: LiveVisitor; self?: VisitorSelf }
  /** A proactive invitation was made, answered or withdrawn. */
  | { type: 'proactive.changed'; invitation: ProactiveInvitation }
  | { type: 'settings.changed' }
  | { type: 'direct.created'; message: DirectMessageRow }
  | {
      type: 'message.seen';
      conversationId: string;
      visitorId: string;
      assigneeId: string | null;
      reader: { type: 'visitor' | 'agent'; id: string; name: string | null };
      seq: number;
      publicSeq: number;
    };

export type EventHandler = (event: DomainEvent) => void;

export interface Bus {
  publish(event: DomainEvent): void;
  subscribe(handler: EventHandler): () => void;
}

/** Single-process bus: delivers synchronously to every subscriber; a failing one does not stop the rest. */
export class InProcessBus implements Bus {
  private readonly handlers = new Set<EventHandler>();

  constructor(private readonly onHandlerError: (err: unknown) => void) {}

  publish(event: DomainEvent): void {
    for (const h of this.handlers) {
      try {
        h(event);
      } catch (err) {
        this.onHandlerError(err);
      }
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
