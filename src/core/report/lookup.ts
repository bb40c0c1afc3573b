// The number report (NumaraRaporu): one send ID + one number → the report of that number, or a classified error.
// An endpoint on the exchange seam (src/core/api/exchange.ts): the request builder and the payload parser, nothing else.
import { runExchange, type Exchange, type ExchangeDeps, type ExchangeResult } from '../api/exchange';
import { parseAnswer, type Report } from './report';
import { buildReportRequest } from '../api/request';

export interface LookupParams {
  readonly apiRoot: string; // checked with checkApiRoot
  readonly sendId: string; // checked with checkSendId
  readonly number: string; // normalized with normalizePhone
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export type LookupResult = ExchangeResult<{ readonly report: Report }>;

export function reportExchange(
  apiRoot: string,
  sendId: string,
  number: string,
  apiKey: string,
): Exchange<{ readonly report: Report }> {
  return { request: buildReportRequest(apiRoot, sendId, number, apiKey), parse: parseAnswer };
}

export function lookUpReport(p: LookupParams, deps: ExchangeDeps): Promise<LookupResult> {
  return runExchange(reportExchange(p.apiRoot, p.sendId, p.number, p.apiKey), p, deps);
}
