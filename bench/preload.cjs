// Preloaded into every bench target (the relay and the Parley server):
//   node --expose-gc -r ./bench/preload.cjs <main>
// It changes nothing in the target's behaviour; it only lets the bench runner
//   - force a full garbage collection before reading memory (for "RSS per idle connection"),
//   - start and stop the V8 CPU profiler around the measured window (--cpu-prof),
// over the IPC channel the runner opens (stdio 'ipc'), or by hand with `kill -USR2 <pid>`
// (full GC, then one line on stderr with rss and heapUsed).
'use strict';
const fs = require('node:fs');

function fullGc() {
  if (typeof global.gc !== 'function') return false;
  // Twice: the first major GC may leave weak-callback work and finalizers for the second.
  global.gc({ type: 'major', execution: 'sync' });
  global.gc({ type: 'major', execution: 'sync' });
  return true;
}

function memory() {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
}

process.on('SIGUSR2', () => {
  const ok = fullGc();
  const m = memory();
  process.stderr.write(`[bench-preload] gc=${ok} rss=${m.rss} heapUsed=${m.heapUsed}\n`);
});

if (typeof process.send === 'function') {
  let session = null;
  const reply = (id, body) => process.send({ bench: true, id, ...body });
  process.on('message', (msg) => {
    if (!msg || msg.bench !== true) return;
    const { id, cmd } = msg;
    if (cmd === 'gc') {
      const gc = fullGc();
      // Let the allocator return freed pages before reading RSS.
      setTimeout(() => reply(id, { ok: true, gc, memory: memory() }), 200);
    } else if (cmd === 'cpu') {
      // user + system microseconds of every thread (getrusage), finer than /proc's 10 ms ticks.
      const u = process.cpuUsage();
      // Event-loop utilization (main thread): near 1 means the loop never waits, so requests queue.
      const { idle, active } = require('node:perf_hooks').performance.eventLoopUtilization();
      reply(id, { ok: true, cpuUs: u.user + u.system, elu: { idle, active } });
    } else if (cmd === 'memory') {
      reply(id, { ok: true, memory: memory() });
    } else if (cmd === 'profile-start') {
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: msg.intervalUs ?? 1000 }, () =>
          session.post('Profiler.start', () => reply(id, { ok: true })),
        ),
      );
    } else if (cmd === 'profile-stop') {
      if (!session) return reply(id, { ok: false, error: 'not profiling' });
      session.post('Profiler.stop', (err, res) => {
        if (err) return reply(id, { ok: false, error: String(err) });
        fs.writeFileSync(msg.file, JSON.stringify(res.profile));
        session.disconnect();
        session = null;
        reply(id, { ok: true, file: msg.file });
      });
    } else {
      reply(id, { ok: false, error: `unknown command ${cmd}` });
    }
  });
  // The channel must not keep the target alive, nor change how it exits.
  if (process.channel && typeof process.channel.unref === 'function') process.channel.unref();
}
