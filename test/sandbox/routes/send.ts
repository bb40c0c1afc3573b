// GET (or POST) /Panel/api/v1/GonderimBilgisi/{id}?api_key=KEY: the send's summary.
import type * as http from 'node:http';
import { JSON_TYPE, TEXT, type SummaryRecord } from '../api';
import { applyFault } from '../applyFault';
import { findSummary } from '../data';
import { faultForSendId, summaryFaultForSendId } from '../faults';
import { readBody } from '../io';
import { accountOf, foreign, later, type SandboxState } from '../state';

export async function handleSummary(
  s: SandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  sendId: string,
  reqScheme: 'http' | 'https',
): Promise<void> {
  const givenKey = url.searchParams.get('api_key') ?? undefined;
  const record: SummaryRecord = {
    method: req.method ?? '',
    sendId,
    apiKeyOk: givenKey !== undefined && givenKey === s.apiKey,
    account: accountOf(s, givenKey),
    body: '',
    status: 0,
    at: Date.now(),
  };
  s.summaryRequests.push(record);
  const head = (status: number, headers: http.OutgoingHttpHeaders): void => {
    record.status = status;
    res.writeHead(status, headers);
    s.log?.(`${record.method} /GonderimBilgisi/${sendId} → ${status}`);
  };
  const sendText = (
    status: number,
    contentType: string,
    body: string | Buffer,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    head(status, { 'content-type': contentType, 'content-length': buf.length, ...extra });
    res.end(buf);
  };
  const sendJson = (status: number, value: unknown, extra: http.OutgoingHttpHeaders = {}) =>
    sendText(status, JSON_TYPE, JSON.stringify(value), extra);
  record.body = await readBody(req);
  if (s.closed) return;
  const wait = s.summaryLatencyMs ?? s.latencyMs;
  if (wait > 0) await later(s, wait);
  const method = req.method ?? '';
  if ((method !== 'GET' && method !== 'POST') || (s.summaryMethods !== 'both' && method !== s.summaryMethods)) {
    sendJson(
      405,
      { durum: false, aciklama: TEXT.methodNotAllowed },
      { allow: s.summaryMethods === 'both' ? 'GET, POST' : s.summaryMethods },
    );
    return;
  }
  const active = s.summaryFault ?? summaryFaultForSendId(sendId) ?? faultForSendId(sendId);
  if (active && active.kind !== 'redirect') {
    if (active.kind === 'delay') await later(s, active.ms);
    else {
      await applyFault(s, active, {
        req,
        res,
        url,
        sendId,
        hop: 0,
        body: record.body,
        head,
        sendText,
        sendJson,
        reqScheme,
      });
      return;
    }
  }
  const account = accountOf(s, givenKey);
  if (account === undefined) {
    sendJson(401, { durum: false, aciklama: TEXT.wrongKey });
    return;
  }
  if (/^\d+$/.test(sendId) && foreign(account, sendId)) {
    sendJson(404, { durum: false, aciklama: TEXT.otherAccount });
    return;
  }
  const summary = /^\d+$/.test(sendId) ? findSummary(sendId.replace(/^0+(?=\d)/, '')) : undefined;
  if (!summary) {
    sendJson(404, { durum: false, aciklama: TEXT.unknownSend });
    return;
  }
  sendJson(200, { durum: true, aciklama: summary });
}
