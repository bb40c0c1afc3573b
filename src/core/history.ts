// Recent lookups as plain data (references-view's history idiom): newest first, one entry per send ID + number,
// capped. Stored in globalState, so nothing here may hold the key or a URL; repairHistory() accepts whatever is stored
// (corrupt, wrong type, an older shape, far too many entries) and returns what can be kept.
import { ACCOUNT_ID } from './accounts';
import { asLookupKey, keyId, type LookupKey } from './lookupKey';
import { type Report, type ReportCut } from './report';
import { boundReport, CAPS } from './reportBounds';
import { statusCodeOf } from './statuses';

export interface TimelinePoint {
  readonly status: string;
  /** Epoch ms when we saw this status. */
  readonly at: number;
}

export interface HistoryEntry extends LookupKey {
  /** Epoch ms of the lookup that produced `report`. */
  readonly checkedAt: number;
  readonly report: Report;
  /** Every status change we observed, oldest first (the first point is the first lookup). */
  readonly timeline?: readonly TimelinePoint[];
  /** The send's state (paket_durum) when its summary was last seen: all Recent Lookups keeps of a summary. */
  readonly sendState?: -1 | 0 | 1;
  /** The id of the account the lookup was made with (never its key); absent from lookups made before accounts, which
   *  belong to the migrated "Default" account. */
  readonly account?: string;
}

export const HARD_CAP = 200;
export const TIMELINE_CAP = 20;

/** Adds or replaces the entry for the same send ID + number, moves it to the top, extends its timeline. */
export function addEntry(entries: readonly HistoryEntry[], entry: HistoryEntry, cap: number): HistoryEntry[] {
  const key = keyId(entry);
  const previous = entries.find((e) => keyId(e) === key);
  const timeline = mergeTimeline(
    previous?.timeline ?? (previous ? [{ status: previous.report.status, at: previous.checkedAt }] : []),
    entry.timeline ?? [{ status: entry.report.status, at: entry.checkedAt }],
  );
  const sendState = entry.sendState ?? previous?.sendState;
  const merged: HistoryEntry = { ...entry, timeline, ...(sendState !== undefined ? { sendState } : {}) };
  return [merged, ...entries.filter((e) => keyId(e) !== key)].slice(0, clampCap(cap));
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
 *  src/core/reportBounds.ts), and without the message when the user keeps none. */
export function forStorage(entry: HistoryEntry, keepMessage: boolean): HistoryEntry {
  const bounded = { ...entry, report: boundReport(entry.report, CAPS.storedMessage) };
  return keepMessage ? bounded : withoutMessage(bounded);
}

/** The entries of `sendId` with their send state set to `state`; undefined when none changes. */
export function withSendState(
  entries: readonly HistoryEntry[],
  sendId: string,
  state: -1 | 0 | 1,
): HistoryEntry[] | undefined {
  if (!entries.some((e) => e.sendId === sendId && e.sendState !== state)) return undefined;
  return entries.map((e) => (e.sendId === sendId ? { ...e, sendState: state } : e));
}

/** Drops the message text when the user chose not to keep it (vairosms.history.keepMessageText = false). */
export function withoutMessage(entry: HistoryEntry): HistoryEntry {
  if (entry.report.message === undefined) return entry;
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
    return r !== undefined && e.checkedAt <= r;
  };
  let list = stored.filter((e) => !isStale(e));
  for (const added of [...local.added].sort((a, b) => a.checkedAt - b.checkedAt)) {
    if (isStale(added)) continue;
    const current = findEntry(list, added);
    if (current && current.checkedAt >= added.checkedAt) continue;
    list = addEntry(list, added, HARD_CAP);
  }
  const entries = list.sort((a, b) => b.checkedAt - a.checkedAt).slice(0, clampCap(cap));
  const signature = (l: readonly HistoryEntry[]): string =>
    l.map((e) => `${keyId(e)}\u0000${e.checkedAt}`).join('\u0001');
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
  entries.sort((a, b) => b.checkedAt - a.checkedAt);
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
  const r =
    o.report && typeof o.report === 'object' && !Array.isArray(o.report) ? (o.report as Record<string, unknown>) : {};
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
    report: boundReport(report as unknown as Report, CAPS.storedMessage),
    ...(o.sendState === -1 || o.sendState === 0 || o.sendState === 1 ? { sendState: o.sendState } : {}),
    ...(typeof o.account === 'string' && ACCOUNT_ID.test(o.account) ? { account: o.account } : {}),
    ...(timeline && timeline.length ? { timeline } : {}),
  };
}

/** The stored form of an entry, smaller in globalState: the report's echo of the send ID and number is dropped when it
 *  equals the entry's own, and a timeline of one point (the lookup itself: its status at checkedAt) is left out.
 *  repairHistory reads this form back. */
export function toStored(e: HistoryEntry): HistoryEntry {
  const { sendId, number, ...rest } = e.report;
  const { timeline, ...entry } = e;
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
