// Recent lookups as plain data (references-view's history idiom): newest first, one entry per send ID + number,
// capped. Stored in globalState, so nothing here may hold the key or a URL; repairHistory() accepts whatever is stored
// (corrupt, wrong type, an older shape, far too many entries) and returns what can be kept.
import { ACCOUNT_ID, DEFAULT_ACCOUNT_ID } from '../accounts/accounts';
import { type ErrorKind, type LookupError } from '../api/errors';
import { asLookupKey, keyId, type LookupKey, type SendRef } from '../lookupKey';
import { type Report, type ReportCut } from '../report/report';
import { boundReport, STORED_EXTRA } from '../report/reportBounds';
import { statusCodeOf } from '../report/statuses';
import { CAPS } from '../api/caps';

interface TimelinePoint {
  readonly status: string;
  /** Epoch ms when we saw this status. */
  readonly at: number;
}

/** A lookup that failed, as Recent Lookups keeps it: the class of failure and what we know of it in our own terms,
 *  never the provider's text or a detail (so it may be shown anywhere, and holds no key). */
export interface StoredFailure {
  readonly kind: ErrorKind;
  /** Epoch ms of the attempt. */
  readonly at: number;
  readonly httpStatus?: number;
  readonly missing?: 'send' | 'number';
  readonly timeoutSeconds?: number;
  readonly retryAfterSeconds?: number;
}

/** The failures worth finding again: the lookup reached (or tried to reach) VairoSMS. Not a cancel, and not a setup
 *  problem found before sending (no key, the keyring, the API root, the input). */
export function isKeptFailure(e: LookupError): boolean {
  return KEPT_KINDS.includes(e.kind);
}

export function storedFailure(e: LookupError, at: number): StoredFailure {
  return {
    kind: e.kind,
    at,
    ...(e.httpStatus !== undefined ? { httpStatus: e.httpStatus } : {}),
    ...(e.missing ? { missing: e.missing } : {}),
    ...(e.timeoutSeconds !== undefined ? { timeoutSeconds: e.timeoutSeconds } : {}),
    ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
  };
}

export interface HistoryEntry extends LookupKey {
  /** Epoch ms of the lookup that produced `report` (of the failed attempt, for an entry with no report). */
  readonly checkedAt: number;
  /** The last report VairoSMS gave; absent when every lookup of this key failed so far. */
  readonly report?: Report;
  /** The last attempt failed (after `report`, if there is one): a successful lookup clears it. */
  readonly failure?: StoredFailure;
  /** Every status change we observed, oldest first (the first point is the first lookup). */
  readonly timeline?: readonly TimelinePoint[];
  /** The send's state (paket_durum) when its summary was last seen: all Recent Lookups keeps of a summary. */
  readonly sendState?: -1 | 0 | 1;
  /** The id of the account the lookup was made with (never its key); absent from lookups made before accounts, which
   *  belong to the migrated "Default" account. */
  readonly account?: string;
  /** Where the entry stands in the list, when that is not `checkedAt`: the time of the lookup that put it on top. A
   *  Refresh and a watch's check update the report in place (the row under the pointer stays that lookup's); a new
   *  lookup of the same key moves it to the top again. */
  readonly listedAt?: number;
}

export const HARD_CAP = 200;
const TIMELINE_CAP = 20;

/** The list's order: newest place first. */
const placeOf = (e: HistoryEntry): number => e.listedAt ?? e.checkedAt;
/** The last time anything was learned of this key: its report, or a failed attempt after it. */
export const touchedAt = (e: HistoryEntry): number => Math.max(e.checkedAt, e.failure?.at ?? 0);
const byPlace = (a: HistoryEntry, b: HistoryEntry): number => placeOf(b) - placeOf(a);

/**
 * Adds or replaces the entry for the same send ID + number and extends its timeline. A new lookup goes to the top;
 * with `keepPlace` (a Refresh, a watch's check) an entry already listed keeps its place.
 */
export function addEntry(
  entries: readonly HistoryEntry[],
  entry: HistoryEntry,
  cap: number,
  keepPlace = false,
): HistoryEntry[] {
  const key = keyId(entry);
  const previous = entries.find((e) => keyId(e) === key);
  const pointOf = (e: HistoryEntry): TimelinePoint[] =>
    e.report ? [{ status: e.report.status, at: e.checkedAt }] : [];
  const timeline = mergeTimeline(
    previous ? (previous.timeline ?? pointOf(previous)) : [],
    entry.timeline ?? pointOf(entry),
  );
  const sendState = entry.sendState ?? previous?.sendState;
  const { listedAt: _place, ...rest } = entry;
  const listedAt = keepPlace && previous ? placeOf(previous) : entry.listedAt;
  const merged: HistoryEntry = {
    ...rest,
    ...(timeline.length ? { timeline } : {}),
    ...(sendState !== undefined ? { sendState } : {}),
    ...(listedAt !== undefined && listedAt !== entry.checkedAt ? { listedAt } : {}),
  };
  return [merged, ...entries.filter((e) => keyId(e) !== key)].sort(byPlace).slice(0, clampCap(cap));
}

/**
 * A failed lookup of `key`: beside the stored report of the same key, if there is one (which it never replaces), or
 * as an entry of its own. A new lookup goes to the top; `keepPlace` (a Refresh, a watch's check) keeps its place.
 */
export function addFailure(
  entries: readonly HistoryEntry[],
  key: LookupKey,
  failure: StoredFailure,
  account: string | undefined,
  cap: number,
  keepPlace = false,
): HistoryEntry[] {
  const previous = findEntry(entries, key);
  const base: HistoryEntry = previous ?? {
    sendId: key.sendId,
    number: key.number,
    checkedAt: failure.at,
    ...(account !== undefined ? { account } : {}),
  };
  const listedAt = keepPlace && previous ? placeOf(previous) : failure.at;
  const { listedAt: _old, ...rest } = base;
  const next: HistoryEntry = {
    ...rest,
    failure,
    ...(listedAt !== rest.checkedAt ? { listedAt } : {}),
  };
  return trimFailuresFirst([next, ...entries.filter((e) => keyId(e) !== keyId(key))].sort(byPlace), clampCap(cap));
}

/** Over the cap, a failed lookup with no report goes first (the oldest such one), so a failure never pushes a stored
 *  report out of the list; only a list of reports loses its oldest report. */
function trimFailuresFirst(list: HistoryEntry[], cap: number): HistoryEntry[] {
  const out = [...list];
  while (out.length > cap) {
    let i = out.length - 1;
    while (i >= 0 && out[i].report) i--;
    out.splice(i >= 0 ? i : out.length - 1, 1);
  }
  return out;
}

function mergeTimeline(a: readonly TimelinePoint[], b: readonly TimelinePoint[]): TimelinePoint[] {
  const out: TimelinePoint[] = [];
  for (const p of [...a, ...b].sort((x, y) => x.at - y.at)) {
    if (out.length === 0 || out[out.length - 1].status !== p.status) out.push(p);
  }
  return out.slice(-TIMELINE_CAP);
}

export function removeEntry(entries: readonly HistoryEntry[], key: LookupKey): HistoryEntry[] {
  const k = keyId(key);
  return entries.filter((e) => keyId(e) !== k);
}

export function findEntry(entries: readonly HistoryEntry[], key: LookupKey): HistoryEntry | undefined {
  const k = keyId(key);
  return entries.find((e) => keyId(e) === k);
}

export function clampCap(cap: number): number {
  return Number.isFinite(cap) ? Math.min(HARD_CAP, Math.max(1, Math.floor(cap))) : 50;
}

/** The entry as Recent Lookups keeps it: its report within the stored caps (the message at most 4 K characters,
 *  src/core/report/reportBounds.ts), and without the message when the user keeps none. */
export function forStorage(entry: HistoryEntry, keepMessage: boolean): HistoryEntry {
  if (!entry.report) return entry;
  const bounded = { ...entry, report: boundReport(entry.report, CAPS.storedMessage, STORED_EXTRA) };
  return keepMessage ? bounded : withoutMessage(bounded);
}

/** A stored lookup was made with this account (undefined: no account exists); one from before accounts is the
 *  migrated default account's. */
export function isOfAccount(entry: HistoryEntry, account: string | undefined): boolean {
  return (entry.account ?? DEFAULT_ACCOUNT_ID) === (account ?? DEFAULT_ACCOUNT_ID);
}

/** The entries of one send (its ID, as one account sees it) with their send state set to `state`; undefined when none
 *  changes. */
export function withSendState(
  entries: readonly HistoryEntry[],
  send: SendRef,
  state: -1 | 0 | 1,
): HistoryEntry[] | undefined {
  const of = (e: HistoryEntry) => e.sendId === send.sendId && isOfAccount(e, send.account);
  if (!entries.some((e) => of(e) && e.sendState !== state)) return undefined;
  return entries.map((e) => (of(e) ? { ...e, sendState: state } : e));
}

/** Drops the message text when the user chose not to keep it (vairosms.history.keepMessageText = false). */
export function withoutMessage(entry: HistoryEntry): HistoryEntry {
  if (entry.report?.message === undefined) return entry;
  const { message: _dropped, ...report } = entry.report;
  return { ...entry, report };
}

/** What one window changed lately (see HistoryStore): its own additions, and the checkedAt of what it removed. */
export interface LocalChanges {
  readonly added: Iterable<HistoryEntry>;
  /** By keyId: the checkedAt of the entry this window removed (a copy that old or older is a stale copy). */
  readonly removed: ReadonlyMap<string, number>;
}

export interface Reconciled {
  readonly entries: HistoryEntry[];
  /** False when `stored` already holds every local change (nothing to write). */
  readonly changed: boolean;
}

/**
 * Re-applies one window's recent changes to a list another window wrote from an older copy: an addition that is
 * missing (or stored only in an older lookup) comes back, an entry this window removed that came back (no newer
 * lookup) goes again. Adds nothing this window did not add. Newest first, one per key, capped.
 */
export function reconcileHistory(stored: readonly HistoryEntry[], local: LocalChanges, cap: number): Reconciled {
  const removedAt = (e: HistoryEntry): number | undefined => local.removed.get(keyId(e));
  const isStale = (e: HistoryEntry): boolean => {
    const r = removedAt(e);
    return r !== undefined && touchedAt(e) <= r;
  };
  let list = stored.filter((e) => !isStale(e));
  for (const added of [...local.added].sort((a, b) => touchedAt(a) - touchedAt(b))) {
    if (isStale(added)) continue;
    const current = findEntry(list, added);
    if (current && touchedAt(current) >= touchedAt(added)) continue;
    list = addEntry(list, added, HARD_CAP);
  }
  const entries = list.sort(byPlace).slice(0, clampCap(cap));
  const signature = (l: readonly HistoryEntry[]): string =>
    l.map((e) => `${keyId(e)}\u0000${touchedAt(e)}\u0000${placeOf(e)}`).join('\u0001');
  return { entries, changed: signature(entries) !== signature(stored) };
}

export interface Repaired {
  readonly entries: HistoryEntry[];
  /** Entries that were present but unusable, duplicated or over the cap. */
  readonly dropped: number;
}

/** Never throws. */
export function repairHistory(stored: unknown, cap: number): Repaired {
  const list = Array.isArray(stored) ? stored : [];
  let dropped = Array.isArray(stored) ? 0 : stored === undefined || stored === null ? 0 : 1;
  const seen = new Set<string>();
  const entries: HistoryEntry[] = [];
  for (const item of list) {
    const e = repairEntry(item);
    if (!e || seen.has(keyId(e))) {
      dropped++;
      continue;
    }
    seen.add(keyId(e));
    entries.push(e);
  }
  entries.sort(byPlace);
  const max = clampCap(cap);
  if (entries.length > max) dropped += entries.length - max;
  return { entries: entries.slice(0, max), dropped };
}

/** An id stored as a number (an older shape) is read as its digits; the key's own rules decide the rest. */
const digits = (v: unknown): unknown => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v);

function repairEntry(item: unknown): HistoryEntry | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const key = asLookupKey({ sendId: digits(o.sendId), number: digits(o.number) });
  const checkedAt = typeof o.checkedAt === 'number' && Number.isFinite(o.checkedAt) ? o.checkedAt : undefined;
  if (!key || checkedAt === undefined) return undefined;
  const { sendId, number } = key;
  const failure = repairFailure(o.failure);
  const hasReport = !!o.report && typeof o.report === 'object' && !Array.isArray(o.report);
  const r = hasReport ? (o.report as Record<string, unknown>) : {};
  const report: Record<string, unknown> = { status: statusCodeOf(r.status) };
  for (const k of ['rowId', 'sendId', 'number', 'message', 'refundRaw', 'createdAt', 'updatedAt'] as const) {
    if (typeof r[k] === 'string') report[k] = r[k];
  }
  if (typeof r.parts === 'number' && Number.isFinite(r.parts)) report.parts = r.parts;
  if (typeof r.refund === 'boolean') report.refund = r.refund;
  if (r.extra && typeof r.extra === 'object' && !Array.isArray(r.extra)) report.extra = r.extra;
  const cut = repairCut(r.cut);
  if (cut) report.cut = cut;
  const timeline = Array.isArray(o.timeline)
    ? o.timeline
        .filter(
          (p): p is TimelinePoint =>
            !!p &&
            typeof p === 'object' &&
            typeof (p as TimelinePoint).status === 'string' &&
            typeof (p as TimelinePoint).at === 'number',
        )
        .slice(-TIMELINE_CAP)
    : undefined;
  return {
    sendId,
    number,
    checkedAt,
    // an entry of a failed lookup only has no report; any other entry without one is read as a report of no status
    ...(hasReport || !failure
      ? { report: boundReport(report as unknown as Report, CAPS.storedMessage, STORED_EXTRA) }
      : {}),
    ...(failure ? { failure } : {}),
    ...(o.sendState === -1 || o.sendState === 0 || o.sendState === 1 ? { sendState: o.sendState } : {}),
    ...(typeof o.account === 'string' && ACCOUNT_ID.test(o.account) ? { account: o.account } : {}),
    ...(timeline && timeline.length ? { timeline } : {}),
    ...(typeof o.listedAt === 'number' && Number.isFinite(o.listedAt) && o.listedAt !== checkedAt
      ? { listedAt: o.listedAt }
      : {}),
  };
}

const KEPT_KINDS: readonly ErrorKind[] = [
  'unauthorized',
  'provider',
  'not-found',
  'rate-limited',
  'server',
  'http-status',
  'bad-response',
  'too-large',
  'timeout',
  'offline',
  'network',
  'tls',
  'redirect',
];

function repairFailure(v: unknown): StoredFailure | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!KEPT_KINDS.includes(o.kind as ErrorKind) || !num(o.at)) return undefined;
  return {
    kind: o.kind as ErrorKind,
    at: o.at,
    ...(num(o.httpStatus) ? { httpStatus: o.httpStatus } : {}),
    ...(o.missing === 'send' || o.missing === 'number' ? { missing: o.missing } : {}),
    ...(num(o.timeoutSeconds) ? { timeoutSeconds: o.timeoutSeconds } : {}),
    ...(num(o.retryAfterSeconds) ? { retryAfterSeconds: o.retryAfterSeconds } : {}),
  };
}

/** The stored form of an entry, smaller in globalState: the report's echo of the send ID and number is dropped when it
 *  equals the entry's own, and a timeline of one point (the lookup itself: its status at checkedAt) is left out.
 *  repairHistory reads this form back. */
export function toStored(e: HistoryEntry): HistoryEntry {
  const { timeline, ...entry } = e;
  if (!e.report) return { ...entry, ...(timeline && timeline.length > 1 ? { timeline } : {}) };
  const { sendId, number, ...rest } = e.report;
  return {
    ...entry,
    ...(timeline && timeline.length > 1 ? { timeline } : {}),
    report: {
      ...rest,
      ...(sendId !== undefined && sendId !== e.sendId ? { sendId } : {}),
      ...(number !== undefined && number !== e.number ? { number } : {}),
    },
  };
}

function repairCut(v: unknown): ReportCut | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const cut: Record<string, unknown> = {};
  if (typeof o.message === 'number' && Number.isFinite(o.message)) cut.message = o.message;
  if (Array.isArray(o.fields)) cut.fields = o.fields.filter((f): f is string => typeof f === 'string').slice(0, 50);
  if (typeof o.droppedFields === 'number' && Number.isFinite(o.droppedFields)) cut.droppedFields = o.droppedFields;
  return Object.keys(cut).length ? (cut as ReportCut) : undefined;
}
