// `npm run sandbox`: the VairoSMS sandbox on a fixed port, for a demo or manual testing without a real key.
//   node out/sandbox/cli.js [--port N] [--key K] [--latency MS]
// Prints the root URL to put in vairosms.apiRoot, the key, and the send IDs and numbers worth trying.
import {
  BATCH,
  HOSTILE_NUMBER,
  LENIENT,
  NUMBER_FOR_STATUS,
  PROGRESSING,
  SAMPLE,
  STATUS_CODES,
  UNKNOWN_STATUS,
} from './data';
import { DEFAULT_API_KEY, FAULT_SEND_IDS, startSandbox } from './server';

const USAGE = `Usage: npm run sandbox -- [--port N] [--key K] [--latency MS]
  --port N       port to listen on (default 3555; 0 = any free port)
  --key K        the API key the sandbox accepts (default ${DEFAULT_API_KEY})
  --latency MS   delay added to every answer (default 0)
  --quiet        do not log each request`;

interface CliOptions {
  port: number;
  key: string;
  latencyMs: number;
  quiet: boolean;
}

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { port: 3555, key: DEFAULT_API_KEY, latencyMs: 0, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${name} needs a value`);
      return v;
    };
    const int = (v: string, what: string, max: number): number => {
      if (!/^\d+$/.test(v) || Number(v) > max) fail(`${what} must be a whole number from 0 to ${max}, not "${v}"`);
      return Number(v);
    };
    switch (name) {
      case '--port':
        o.port = int(value(), '--port', 65535);
        break;
      case '--key':
        o.key = value();
        break;
      case '--latency':
        o.latencyMs = int(value(), '--latency', 600_000);
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${a}`);
    }
  }
  if (o.key === '') fail('--key must not be empty');
  return o;
}

function fail(message: string): never {
  console.error(`sandbox: ${message}\n${USAGE}`);
  process.exit(2);
}

function table(rows: Array<[string, string, string]>): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join('\n');
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox({
    port: o.port,
    apiKey: o.key,
    latencyMs: o.latencyMs,
    log: o.quiet ? undefined : (line) => console.log(`  ${new Date().toISOString().slice(11, 23)} ${line}`),
  });

  const reports: Array<[string, string, string]> = [
    ['send ID', 'number', 'answer'],
    [SAMPLE.sendId, SAMPLE.number, "the API page's sample (DELIVERED)"],
    ...STATUS_CODES.map((c): [string, string, string] => ['187', NUMBER_FOR_STATUS[c], c]),
    ['187', UNKNOWN_STATUS.number, `unknown status ${UNKNOWN_STATUS.code}`],
    ['187', LENIENT.allAtOnce, 'string ids, durum_iade "true", dates without seconds, extra fields'],
    ['187', HOSTILE_NUMBER, 'a hostile message (<img onerror>, <script>)'],
    [PROGRESSING.sendId, PROGRESSING.number, 'WAITING for 2 queries, then DELIVERED'],
    [
      BATCH.sendId,
      `${BATCH.firstNumber}…${BATCH.firstNumber + BATCH.count - 1}`,
      `${BATCH.count} numbers, statuses cycling`,
    ],
    ['187', '5000000000', '404: number not in the send'],
    ['999', SAMPLE.number, '404: unknown send ID'],
  ];
  const faults: Array<[string, string, string]> = [
    ['send ID', 'number', 'fault'],
    ...Object.entries(FAULT_SEND_IDS).map(([id, f]): [string, string, string] => [id, 'any', f.description]),
  ];

  console.log(`VairoSMS sandbox listening.

  vairosms.apiRoot  ${sandbox.root}
  API key           ${o.key}
  latency           ${o.latencyMs} ms

Reports:
${table(reports)}

Faults (any number, any key):
${table(faults)}

Try: curl -s -X POST '${sandbox.root}NumaraRaporu/${SAMPLE.sendId}?${new URLSearchParams({ api_key: o.key }).toString()}' \\
       -H 'content-type: application/json' -d '{"numara":"${SAMPLE.number}"}'
Stop with Ctrl+C.
`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\nsandbox: ${signal}, closing.`);
    const force = setTimeout(() => process.exit(1), 3000);
    force.unref();
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const err = e as { code?: string; message?: string };
  console.error(
    `sandbox: could not start: ${err.code === 'EADDRINUSE' ? 'the port is in use (try --port 0)' : String(err.message ?? e)}`,
  );
  process.exit(1);
});
