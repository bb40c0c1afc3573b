// The sandbox in its own process for the plain-Node rows (client, batch): the server does not share the client's
// event loop or CPU time slice, as a real server would not. Driven over the fork() IPC channel by .bench/node.js.
//   → {type:'ready', root}
//   ← {type:'latency', ms} | {type:'reset'} | {type:'stats'} | {type:'close'}   each answered with {type:'ok', …stats}
import { startSandbox } from '../sandbox/server';

interface Command {
  type: 'latency' | 'reset' | 'stats' | 'close';
  ms?: number;
}

async function main(): Promise<void> {
  const sb = await startSandbox({ apiKey: process.env.BENCH_SANDBOX_KEY ?? 'bench-key', latencyMs: 0 });
  const stats = () => ({
    maxInFlight: sb.maxInFlight,
    inFlight: sb.inFlight,
    requests: sb.requests.length,
    ok: sb.requests.filter((r) => r.status === 200).length,
  });
  process.on('message', (m: Command) => {
    void (async () => {
      if (m.type === 'latency') sb.setLatency(m.ms ?? 0);
      if (m.type === 'reset') sb.resetStats();
      const s = stats();
      if (m.type === 'close') await sb.close().catch(() => undefined);
      process.send?.({ type: 'ok', ...s });
      if (m.type === 'close') process.disconnect?.();
    })();
  });
  process.on('disconnect', () => {
    void sb
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready', root: sb.root });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
