// What a report panel's webview state may bring back after a window reload (the webview wrote it, so it is read
// like any outside input): a model of ours, for a valid lookup key, in one of its three states.
import { asLookupKey, type LookupKey } from '../core/lookupKey';
import { type ReportModel } from '../shared/protocol/report';

/** Webview state comes back from the webview: accept only a model whose keys are what we write. A model saved before
 *  the models named their page has no `kind`: it is a report's. */
export function restoredModel(state: unknown): { key: LookupKey; model: ReportModel } | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const model = (state as { model?: unknown }).model as ReportModel | undefined;
  if (!model || typeof model !== 'object' || model.v !== 1) return undefined;
  if (model.kind !== undefined && model.kind !== 'report') return undefined;
  const key = asLookupKey(model);
  if (!key || !['loading', 'report', 'error'].includes(model.state)) return undefined;
  return { key, model: { ...model, kind: 'report' } };
}
