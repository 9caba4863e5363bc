// A minimal Socket.IO v4 client over a raw `ws` WebSocket: Engine.IO v4 framing (open `0`,
// ping `2` -> pong `3`, message `4`) and socket.io-parser's text encoding
// (`<type>[/nsp,][ackId][json]`). It speaks only what the bench needs, so the client-side cost
// per frame is one `toString` and at most one `JSON.parse`, the same against the relay and
// against Parley. (socket.io-client costs about 2.5x more CPU per message.)
import WebSocket from 'ws';

const ENGINE_OPEN = 0x30; // '0'
const ENGINE_CLOSE = 0x31; // '1'
const ENGINE_PING = 0x32; // '2'
const ENGINE_MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '0'
const SIO_DISCONNECT = 0x31; // '1'
const SIO_EVENT = 0x32; // '2'
const SIO_ACK = 0x33; // '3'
const SIO_CONNECT_ERROR = 0x34; // '4'

/** `ws://host:port/socket.io/?EIO=4&transport=websocket` plus extra query parameters. */
export function socketUrl(base, extra = {}) {
  const u = new URL('/socket.io/', base.replace(/^http/, 'ws'));
  u.searchParams.set('EIO', '4');
  u.searchParams.set('transport', 'websocket');
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, String(v));
  return u.toString();
}

export class SioError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * One WebSocket carrying one namespace. `onEvent(frame)` receives every event frame as a raw
 * string (`42/nsp,[...]`); parse it with `eventArgs`.
 */
export class SioConnection {
  constructor(ws, nsp) {
    this.ws = ws;
    this.nsp = nsp;
    this.prefix = nsp === '/' ? '' : `${nsp},`;
    this.nextAck = 1;
    this.pending = new Map();
    this.onEvent = null;
    this.onClose = null;
    this.closed = false;
  }

  /** Fire-and-forget event. */
  emit(event, payload) {
    this.ws.send(`42${this.prefix}${JSON.stringify([event, payload])}`);
  }

  /** Event with an acknowledgement: resolves with the ack's first argument. */
  request(event, payload, timeoutMs = 30_000) {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SioError(`${event}: no ack within ${timeoutMs} ms`, 'TIMEOUT'));
      }, timeoutMs);
      this.pending.set(id, (args) => {
        clearTimeout(timer);
        resolve(args[0]);
      });
      this.ws.send(`42${this.prefix}${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** Sends a pre-encoded event frame with a caller-chosen ack id (hot path: no closure). */
  sendRaw(frame) {
    this.ws.send(frame);
  }

  close() {
    this.closed = true;
    try {
      this.ws.terminate();
    } catch {
      /* already gone */
    }
  }
}

/** The JSON array of an event or ack frame: everything from the first `[`. */
export function eventArgs(frame) {
  const i = frame.indexOf('[');
  return i < 0 ? null : JSON.parse(frame.slice(i));
}

/**
 * Opens a WebSocket, completes the Engine.IO handshake and connects to `nsp` with `auth`.
 * Resolves with the connection once the server accepted the namespace; rejects with the
 * server's refusal (`44`), a close, or a timeout.
 *
 * `onAck(id, frame)` (optional) is called for acks whose id has no pending request: the load
 * generator's hot path uses it to avoid a closure per message.
 */
export function connect(url, { nsp = '/', auth, headers, timeoutMs = 30_000, onAck } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    const conn = new SioConnection(ws, nsp);
    const ackPrefixLen = 2 + conn.prefix.length;
    let settled = false;
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.close();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new SioError(`connect to ${nsp}: timeout`, 'TIMEOUT')),
      timeoutMs,
    );

    ws.on('message', (data) => {
      const s = data.toString();
      const c0 = s.charCodeAt(0);
      if (c0 === ENGINE_MESSAGE) {
        const t = s.charCodeAt(1);
        if (t === SIO_EVENT) {
          if (conn.onEvent) conn.onEvent(s);
          return;
        }
        if (t === SIO_ACK) {
          let i = ackPrefixLen;
          let id = 0;
          for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
            id = id * 10 + (c - 48);
          }
          const cb = conn.pending.get(id);
          if (cb) {
            conn.pending.delete(id);
            cb(JSON.parse(s.slice(i)));
          } else if (onAck) onAck(id, s, i);
          return;
        }
        if (t === SIO_CONNECT) {
          if (!settled) {
            settled = true;
            clearTimeout(timer);
            resolve(conn);
          }
          return;
        }
        if (t === SIO_CONNECT_ERROR) {
          let body = {};
          try {
            body = JSON.parse(s.slice(2 + conn.prefix.length));
          } catch {
            /* keep {} */
          }
          fail(new SioError(`connect to ${nsp} refused: ${body.message}`, body.data?.code));
          return;
        }
        if (t === SIO_DISCONNECT) {
          conn.close();
          return;
        }
        return;
      }
      if (c0 === ENGINE_PING) {
        ws.send('3');
        return;
      }
      if (c0 === ENGINE_OPEN) {
        ws.send(`40${conn.prefix}${auth ? JSON.stringify(auth) : ''}`);
        return;
      }
      if (c0 === ENGINE_CLOSE) conn.close();
    });
    ws.on('error', (err) => fail(err));
    ws.on('close', () => {
      conn.closed = true;
      fail(new SioError(`connection to ${nsp} closed`, 'CLOSED'));
      for (const cb of conn.pending.values()) cb([{ ok: false, error: { code: 'CLOSED' } }]);
      conn.pending.clear();
      if (conn.onClose) conn.onClose();
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight; returns the results in order. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
