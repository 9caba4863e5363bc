// The baseline: a minimal raw `ws` relay, the practical limit of Node + ws on this machine.
// Clients connect with `?pair=<id>`; the first two clients of a pair are paired and every frame
// one sends is forwarded verbatim to the other. To keep the load generator's code identical
// for both targets, it answers the Engine.IO open and the namespace connect the way Socket.IO
// does (once per connection); after that it only forwards. No persistence, no parsing, no acks.
//
// Usage: node bench/relay.mjs  (env PORT, HOST; prints "relay listening on <port>")
import { WebSocketServer } from 'ws';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const OPEN =
  '0{"sid":"relay","upgrades":[],"pingInterval":20000,"pingTimeout":20000,"maxPayload":65536}';

const wss = new WebSocketServer({ host, port, perMessageDeflate: false, maxPayload: 64 * 1024 });
const waiting = new Map();

wss.on('connection', (ws, req) => {
  const q = req.url.indexOf('pair=');
  const pair = q < 0 ? null : req.url.slice(q + 5).split('&')[0];
  ws.peer = null;
  if (pair !== null) {
    const other = waiting.get(pair);
    if (other && other.readyState === 1) {
      waiting.delete(pair);
      ws.peer = other;
      other.peer = ws;
    } else waiting.set(pair, ws);
  }
  ws.send(OPEN);
  ws.on('message', (data) => {
    // '4' '0' = Socket.IO namespace connect: answer like Socket.IO would, then only forward.
    if (data[0] === 0x34 && data[1] === 0x30) {
      const comma = data.indexOf(0x2c);
      const nsp = comma > 0 ? data.subarray(2, comma + 1).toString() : '';
      ws.send(`40${nsp}{"sid":"relay"}`);
      return;
    }
    if (data[0] === 0x33) return; // Engine.IO pong
    const peer = ws.peer;
    if (peer !== null && peer.readyState === 1) peer.send(data, { binary: false });
  });
  ws.on('close', () => {
    if (pair !== null && waiting.get(pair) === ws) waiting.delete(pair);
    if (ws.peer) ws.peer.peer = null;
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  process.stdout.write(`relay listening on ${wss.address().port}\n`);
});

const stop = () => {
  for (const c of wss.clients) c.terminate();
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
