// POST /Panel/api/v1/NumaraRaporu/{id}?api_key=KEY  {"numara":"5399999999"}: a number's report (and, for any
// other path, 404; a GonderimBilgisi path goes to routes/send.ts).
//
// Order of checks: method (405) → fault (setFault, or a fault send ID 9001…, see FAULT_SEND_IDS) → api_key (401) →
// body (400) → send ID and number (404) → the report (200). Faults come before the key check on purpose: they stand
// for the network and the servers in front of the API, which do not know the key.
import type * as http from 'node:http';
import { JSON_TYPE, TEXT, type RequestRecord } from '../api';
import { applyFault } from '../applyFault';
import { findReport, isComputed } from '../data';
import { faultForSendId } from '../faults';
import { readBody, redactKey, safeDecode } from '../io';
import { accountOf, foreign, later, type SandboxState } from '../state';
import { handleSummary } from './send';

const ROUTE = /^\/Panel\/api\/v1\/NumaraRaporu\/([^/]*)$/;
const SUMMARY_ROUTE = /^\/Panel\/api\/v1\/GonderimBilgisi\/([^/]*)$/;

export async function handle(
  s: SandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  reqScheme: 'http' | 'https',
): Promise<void> {
  s.inFlight++;
  s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
  res.once('close', () => {
    s.inFlight--;
  });
  const started = Date.now();
  const target = req.url ?? '/';
  const url = new URL(target, 'http://sandbox.invalid');
  const summaryMatch = SUMMARY_ROUTE.exec(url.pathname);
  if (summaryMatch) {
    s.inFlight--; // a summary is not a report: it counts in s.summaryRequests, not in the reports' in-flight figures
    res.removeAllListeners('close');
    return handleSummary(s, req, res, url, safeDecode(summaryMatch[1]), reqScheme);
  }
  const match = ROUTE.exec(url.pathname);
  const givenKey = url.searchParams.get('api_key') ?? undefined;
  const hop = Number(url.searchParams.get('sandbox_hop') ?? '0') || 0;
  const record: RequestRecord = {
    method: req.method ?? '',
    path: target,
    ...(match ? { sendId: safeDecode(match[1]) } : {}),
    apiKeyOk: givenKey !== undefined && givenKey === s.apiKey,
    account: accountOf(s, givenKey),
    ...(givenKey !== undefined ? { apiKey: givenKey } : {}),
    body: '',
    headers: { ...req.headers },
    status: 0,
    at: started,
    scheme: reqScheme,
    hop,
  };
  s.requests.push(record);
  const head = (status: number, headers: http.OutgoingHttpHeaders): void => {
    record.status = status;
    res.writeHead(status, headers);
    s.log?.(`${record.method} ${redactKey(target)} → ${status} (${Date.now() - started} ms)`);
  };
  const sendText = (
    status: number,
    contentType: string,
    body: string | Buffer,
    extra: http.OutgoingHttpHeaders = {},
  ): void => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    head(status, { 'content-type': contentType, 'content-length': buf.length, ...extra });
    res.end(buf);
  };
  const sendJson = (status: number, value: unknown, extra: http.OutgoingHttpHeaders = {}): void =>
    sendText(status, JSON_TYPE, JSON.stringify(value), extra);

  record.body = await readBody(req);
  if (hop > 0) {
    s.redirectStats.atTarget++;
    if (record.body !== '') s.redirectStats.bodiesAtTarget++;
  }
  if (s.closed) return;
  if (s.latencyMs > 0) await later(s, s.latencyMs);
  if (s.held) await s.held;
  if (s.closed) return;

  if (!match) {
    sendText(404, 'text/plain; charset=utf-8', 'Not Found');
    return;
  }
  if (req.method !== 'POST') {
    sendJson(405, { durum: false, aciklama: TEXT.methodNotAllowed }, { allow: 'POST' });
    return;
  }
  const sendId = record.sendId ?? '';
  let active = s.fault ?? faultForSendId(sendId);
  if (active?.kind === 'redirect' && active.to !== 'loop' && hop >= (active.hops ?? 1)) active = undefined;
  if (active) {
    if (active.kind !== 'delay') {
      await applyFault(s, active, {
        req,
        res,
        url,
        sendId,
        hop,
        body: record.body,
        head,
        sendText,
        sendJson,
        reqScheme,
      });
      return;
    }
    await later(s, active.ms);
    if (res.destroyed) return;
  }

  const account = accountOf(s, givenKey);
  if (account === undefined) {
    sendJson(401, { durum: false, aciklama: TEXT.wrongKey });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    sendJson(400, { durum: false, aciklama: TEXT.badBody });
    return;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    sendJson(400, { durum: false, aciklama: TEXT.badBody });
    return;
  }
  const numara = (body as Record<string, unknown>).numara;
  if (numara === undefined || numara === null || numara === '') {
    sendJson(400, { durum: false, aciklama: TEXT.missingNumber });
    return;
  }
  const number = typeof numara === 'number' && Number.isInteger(numara) ? String(numara) : numara;
  if (typeof number !== 'string' || !/^\d+$/.test(number)) {
    sendJson(400, { durum: false, aciklama: TEXT.invalidNumber });
    return;
  }
  if (!/^\d+$/.test(sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.unknownSend });
    return;
  }
  if (foreign(account, sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.otherAccount });
    return;
  }
  const id = sendId.replace(/^0+(?=\d)/, '');
  const countKey = `${id}:${number}`;
  const query = isComputed(id, number) ? (s.queryCounts.get(countKey) ?? 0) + 1 : 1;
  const found = findReport(id, number, { query, progressAfter: s.progressAfter });
  if (!found.found) {
    sendJson(404, { durum: false, aciklama: found.missing === 'send' ? TEXT.unknownSend : TEXT.numberNotInSend });
    return;
  }
  if (isComputed(id, number)) s.queryCounts.set(countKey, query);
  sendJson(200, { durum: true, aciklama: found.report });
}
