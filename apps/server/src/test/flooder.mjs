// A visitor flooding a chat with sends, in a thread of its own: its client work does not run on
// the event loop of the server under test. Sends `attempts` messages at `perSecond` (far above
// any limit), at most `inFlight` unanswered; posts back what each send was answered.
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as wait } from 'node:timers/promises';
import { io } from 'socket.io-client';

const { url, token, conversationId, attempts, inFlight, perSecond } = workerData;
const socket = io(`${url}/visitor`, {
  transports: ['websocket'],
  reconnection: false,
  forceNew: true,
  auth: { token },
});
await new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('connect_error', reject);
});
parentPort.postMessage({ type: 'connected' });
await new Promise((resolve) => parentPort.once('message', resolve));

const acked = [];
const refusals = {};
let next = 0;
const started = performance.now();
const worker = async () => {
  while (next < attempts) {
    const n = next++;
    // The pace of the flood: send n goes out n / perSecond seconds after the start.
    const due = started + (n * 1000) / perSecond - performance.now();
    if (due > 0) await wait(due);
    const clientId = `flood-${n}-${Math.random().toString(36).slice(2, 10)}`;
    const res = await socket
      .timeout(30_000)
      .emitWithAck('message:send', { conversationId, clientId, body: 'x' });
    if (res.ok) acked.push(clientId);
    else refusals[res.error.code] = (refusals[res.error.code] ?? 0) + 1;
  }
};
await Promise.all(Array.from({ length: inFlight }, worker));
socket.disconnect();
parentPort.postMessage({ type: 'done', acked, refusals });
