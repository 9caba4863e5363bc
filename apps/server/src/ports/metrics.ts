import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { StorageUnavailableError } from '../errors.js';

/** The Socket.IO namespaces a connection may belong to. */
export type SocketNamespace = 'agent' | 'visitor';

/** What the queue looks like right now: read from the database at scrape time. */
export interface QueueSnapshot {
  /** Conversations waiting for an agent: status 'queued' or 'offered'. */
  readonly length: number;
  /** How long the oldest of them has waited, in seconds; 0 when none waits. */
  readonly longestWaitSeconds: number;
}

export interface MetricsOptions {
  /** Every series carries it as the `node` label. */
  readonly nodeId: string;
  /** Node.js process metrics (CPU, memory, event-loop lag, GC); on unless false. */
  readonly processMetrics?: boolean;
}

// From a local commit (well under 1 ms) to a storage stall; Socket.IO gives up after 10 s.
const ACK_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// The writer takes at most 256 sends per transaction.
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

/**
 * The Prometheus metrics of one app. Each app owns its registry (never prom-client's global
 * one), so several apps in one process keep apart. The rest of the server calls the small
 * methods below; it never touches prom-client.
 */
export class Metrics {
  readonly registry = new Registry();

  private readonly connections: Gauge<'namespace'>;
  private readonly pageStreams: Gauge;
  private readonly messagesCommitted: Counter;
  private readonly ackLatency: Histogram;
  private readonly batchSize: Histogram;
  private readonly storageErrors: Counter;
  private readonly redisErrors: Counter;
  private readonly queueLength: Gauge;
  private readonly queueLongestWait: Gauge;
  private queueSource: (() => Promise<QueueSnapshot>) | null = null;

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ node: options.nodeId });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });

    this.connections = new Gauge({
      name: 'parley_socket_connections',
      help: 'Open Socket.IO connections on this node, by namespace.',
      labelNames: ['namespace'],
      registers,
    });
    // Both series exist from the start, at 0, so a dashboard never sees a gap.
    this.connections.set({ namespace: 'agent' }, 0);
    this.connections.set({ namespace: 'visitor' }, 0);
    this.pageStreams = new Gauge({
      name: 'parley_page_streams',
      help: "Open page-view streams (loader.js's event stream) on this node.",
      registers,
    });
    this.messagesCommitted = new Counter({
      name: 'parley_messages_committed_total',
      help: 'Messages committed by the message writer (duplicates of a retried send not counted).',
      registers,
    });
    this.ackLatency = new Histogram({
      name: 'parley_message_ack_seconds',
      help: 'Time from receiving message:send to sending its acknowledgement.',
      buckets: ACK_BUCKETS,
      registers,
    });
    this.batchSize = new Histogram({
      name: 'parley_writer_batch_size',
      help: 'Sends per message-writer transaction (group commit).',
      buckets: BATCH_BUCKETS,
      registers,
    });
    this.storageErrors = new Counter({
      name: 'parley_database_errors_total',
      help: 'Database operations that failed (storage unavailable or locked, failed message batches, failed metric reads).',
      registers,
    });
    this.redisErrors = new Counter({
      name: 'parley_redis_errors_total',
      help: 'Errors reported by the Redis connections of this node.',
      registers,
    });
    // Set by `render` from the database, just before the registry is read.
    this.queueLength = new Gauge({
      name: 'parley_queue_length',
      help: "Conversations waiting for an agent (status 'queued' or 'offered'), cluster-wide.",
      registers,
    });
    this.queueLongestWait = new Gauge({
      name: 'parley_queue_longest_wait_seconds',
      help: 'How long the longest-waiting conversation has waited, cluster-wide.',
      registers,
    });
  }

  /** Where the queue gauges read from at each scrape; set once by the app. Unset, they report NaN. */
  collectQueue(source: () => Promise<QueueSnapshot>): void {
    this.queueSource = source;
  }

  socketConnected(namespace: SocketNamespace): void {
    this.connections.inc({ namespace });
  }

  socketDisconnected(namespace: SocketNamespace): void {
    this.connections.dec({ namespace });
  }

  pageStreamOpened(): void {
    this.pageStreams.inc();
  }

  pageStreamClosed(): void {
    this.pageStreams.dec();
  }

  /** One message:send answered, `seconds` after it arrived. */
  observeAck(seconds: number): void {
    this.ackLatency.observe(seconds);
  }

  /** One writer transaction committed: `size` sends in it, `messages` of them new. */
  batchCommitted(size: number, messages: number): void {
    this.batchSize.observe(size);
    if (messages > 0) this.messagesCommitted.inc(messages);
  }

  storageError(): void {
    this.storageErrors.inc();
  }

  redisError(): void {
    this.redisErrors.inc();
  }

  /** `Content-Type` of what `render` returns. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * The text exposition format, as Prometheus scrapes it. The queue is read first (one query),
   * so a failed read already shows in this scrape: NaN and one more database error.
   */
  async render(): Promise<string> {
    let snapshot: QueueSnapshot | null = null;
    if (this.queueSource) {
      try {
        snapshot = await this.queueSource();
      } catch (err) {
        // A storage outage was counted where it happened, by the storage layer.
        if (!(err instanceof StorageUnavailableError)) this.storageError();
      }
    }
    this.queueLength.set(snapshot ? snapshot.length : Number.NaN);
    this.queueLongestWait.set(snapshot ? snapshot.longestWaitSeconds : Number.NaN);
    return this.registry.metrics();
  }
}
