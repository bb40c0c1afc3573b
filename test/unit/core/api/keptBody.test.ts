// The body an answer leaves for Show Raw Response is kept while its panel is open (#24 item 9): a successful answer
// is capped at 64 K characters like a failed one, and says where it was cut; the report is still read from all of it.
import { strict as assert } from 'node:assert';
import { runExchange } from '../../../../src/core/api/exchange';
import { reportExchange } from '../../../../src/core/report/endpoint';

const ROOT = 'https://vairosms.com/Panel/api/v1/';
const KEY = 'kept-body-key-4f9a2c';

async function lookUp(body: string) {
  return runExchange(
    reportExchange(ROOT, '187', '5399999999', KEY),
    { apiKey: KEY, timeoutMs: 1000 },
    { transport: async () => ({ status: 200, headers: {}, body, url: ROOT, redirects: 0 }) },
  );
}

describe('the body kept for Show Raw Response', () => {
  it('a successful answer of 900 K characters keeps 64 K of it and says so; its report is read whole', async () => {
    const body = JSON.stringify({ durum: true, aciklama: { durum_gonderim: 'DELIVERED', pad: 'p'.repeat(900_000) } });
    const r = await lookUp(body);
    assert.ok(r.ok);
    assert.equal(r.report.status, 'DELIVERED');
    assert.ok((r.body ?? '').length < 64 * 1024 + 200, `${r.body?.length} characters kept`);
    assert.match(r.body ?? '', /Cut here: the first 65536 of \d+ characters of the answer/);
  });

  it('a small answer is kept exactly as received', async () => {
    const body = JSON.stringify({ durum: true, aciklama: { durum_gonderim: 'WAITING' } });
    assert.equal((await lookUp(body)).body, body);
  });
});
