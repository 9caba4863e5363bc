import type { Actor as DomainActor } from '../domain/actors.js';
import type { AgentRow, VisitorRow } from '../storage/schema.js';

/** An actor as services hold it: with the agent's or visitor's full record. */
export type Actor = DomainActor<AgentRow, VisitorRow>;
