import type {
  AuthorType,
  LiveVisitor,
  ProactiveInvitation,
  Tag,
  VisitorSelf,
} from '@parley/protocol';
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
      /** Where the chat belongs: who may see it (domain/access.ts) follows from these. */
      siteId: string;
      departmentId: string | null;
      assigneeId: string | null;
      /** Waiting chats are visible to every agent of their site and department, so their messages go to all of them. */
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
      siteId: string;
      departmentId: string | null;
      assigneeId: string | null;
      author: { type: AuthorType; id: string | null; name: string | null };
      typing: boolean;
      /** Sneak peek text, already filtered by the setting; never stored. */
      preview?: string;
    }
  /** A chat's title or tags changed: agents who see it hear of it, its visitor never does. */
  | { type: 'conversation.labelled'; conversation: ConversationSnapshot }
  /** An admin changed the installation's tags (every agent's lists follow). */
  | { type: 'tags.changed'; tags: Tag[]; deletedId?: string }
  | { type: 'agent.changed'; agent: AgentRow }
  /** These agents' sites or departments changed: what their sockets may see follows at once. */
  | { type: 'access.changed'; agentIds: string[] }
  /** A session was signed out: its live sockets must go too. */
  | { type: 'session.ended'; sessionId: string }
  /** An admin erased this visitor's data (services/privacy): their open tabs are cut off. */
  | { type: 'visitor.erased'; visitorId: string; siteId: string }
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
  /** A ticket was created, answered or changed; where it belongs decides who hears (and who heard before). */
  | {
      type: 'ticket.changed';
      ticketId: string;
      siteId: string;
      departmentId: string | null;
      previousDepartmentId: string | null;
    }
  | { type: 'direct.created'; message: DirectMessageRow }
  | {
      type: 'message.seen';
      conversationId: string;
      visitorId: string;
      siteId: string;
      departmentId: string | null;
      assigneeId: string | null;
      reader: { type: 'visitor' | 'agent'; id: string; name: string | null };
      seq: number;
      /** The mark in the visitor's numbering, and whether it moved there (else no news to them). */
      publicSeq: number;
      publicMoved: boolean;
    };

export type EventHandler = (event: DomainEvent) => void;
export type EventType = DomainEvent['type'];

/**
 * Two kinds of subscriber:
 * - `subscribe`: runs on the node that published the event. Socket emits belong here: the
 *   Socket.IO adapter carries them to the sockets of every node, so each client hears an
 *   event once, not once per node.
 * - `subscribeEverywhere`: runs on every node, for what each node keeps about its own
 *   connections (socket data, page streams) and its caches.
 */
export interface Bus {
  publish(event: DomainEvent): void;
  subscribe(handler: EventHandler): () => void;
  subscribeEverywhere(types: readonly EventType[], handler: EventHandler): () => void;
}

interface TypedHandler {
  types: ReadonlySet<EventType>;
  handler: EventHandler;
}

/** Single-process bus: delivers synchronously to every subscriber; a failing one does not stop the rest. */
export class InProcessBus implements Bus {
  protected readonly local = new Set<EventHandler>();
  protected readonly everywhere = new Set<TypedHandler>();

  constructor(protected readonly onHandlerError: (err: unknown) => void) {}

  publish(event: DomainEvent): void {
    for (const h of this.local) this.run(h, event);
    this.deliverEverywhere(event);
  }

  subscribe(handler: EventHandler): () => void {
    this.local.add(handler);
    return () => this.local.delete(handler);
  }

  subscribeEverywhere(types: readonly EventType[], handler: EventHandler): () => void {
    const entry = { types: new Set(types), handler };
    this.everywhere.add(entry);
    return () => this.everywhere.delete(entry);
  }

  protected deliverEverywhere(event: DomainEvent): void {
    for (const h of this.everywhere) if (h.types.has(event.type)) this.run(h.handler, event);
  }

  protected wantedEverywhere(type: EventType): boolean {
    for (const h of this.everywhere) if (h.types.has(type)) return true;
    return false;
  }

  private run(handler: EventHandler, event: DomainEvent): void {
    try {
      handler(event);
    } catch (err) {
      this.onHandlerError(err);
    }
  }
}

/** What one node sends the others: plain JSON, tagged with the sender so it skips its own. */
interface Envelope {
  node: string;
  event: DomainEvent;
}

/**
 * A cluster node's bus: local delivery as in one process, and events that some subscriber
 * wants everywhere are also published on a Redis channel for the other nodes. Every node runs
 * the same code, so the set of such event types is the same on each; the message path
 * (message.created) is not among them and costs no extra Redis round trip.
 */
export class RedisBus extends InProcessBus {
  private readonly channel: string;

  constructor(
    private readonly redis: {
      publisher: { publish(channel: string, message: string): Promise<unknown> };
      subscriber: {
        subscribe(channel: string): Promise<unknown>;
        on(event: 'message', listener: (channel: string, message: string) => void): unknown;
      };
      prefix: string;
    },
    private readonly nodeId: string,
    onHandlerError: (err: unknown) => void,
  ) {
    super(onHandlerError);
    this.channel = `${redis.prefix}:bus`;
    redis.subscriber.on('message', (channel, message) => {
      if (channel !== this.channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(message) as Envelope;
      } catch (err) {
        onHandlerError(err);
        return;
      }
      if (envelope.node !== this.nodeId) this.deliverEverywhere(envelope.event);
    });
  }

  /** Resolves once this node hears the other nodes' events. */
  start(): Promise<void> {
    return this.redis.subscriber.subscribe(this.channel).then(() => undefined);
  }

  override publish(event: DomainEvent): void {
    super.publish(event);
    if (!this.wantedEverywhere(event.type)) return;
    const envelope: Envelope = { node: this.nodeId, event };
    this.redis.publisher
      .publish(this.channel, JSON.stringify(envelope))
      .catch((err: unknown) => this.onHandlerError(err));
  }
}
