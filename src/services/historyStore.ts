// Recent lookups in globalState (plain records, no key, no URL). Each change re-reads the stored list first; the list
// is repaired and capped when read.
//
// Two windows at once. In code-server (VS Code in a browser) every tab is a window with its own extension host, and
// globalState is one IndexedDB value for the origin's profile: the extension's whole state object under its id.
// Each window keeps its own copy (this.state), writes the whole object (last writer wins) and learns of another
// window's write only later (VS Code stores ~100 ms after a change, then broadcasts it to the other tabs, whose
// workbench passes it on to their extension host). Two windows that look up at the same moment therefore each write
// from a copy without the other's new entry: one entry is lost, and each window may even end up holding the other's
// list (measured with two tabs, test/ui/windows.test.ts: 3–4 of 11 lookups lost when each write only re-read first).
// Re-reading before a write cannot close that gap, so after every write this store reconciles:
//   - every write also stores a writer stamp (this window's id + a counter, WRITER_STATE_KEY, a few bytes) in the
//     same state object, so both travel together;
//   - for a few seconds (CHECK_AFTER_MS, with jitter so two windows do not keep colliding) it re-reads what the
//     window now holds; when the stamp is no longer its own, another window wrote since, and its own additions of
//     the last PENDING_MS (LocalChanges.added) that are missing are added again, as are its removals of entries that
//     came back with no newer lookup (LocalChanges.removed). Additions only from this window, so nothing removed is
//     resurrected by this window's reconciling; removals by another window of an entry this window added in its last
//     PENDING_MS may be undone (a removal within seconds of another window's lookup of the same number).
//   - when the stamp is still its own, nothing else (no other window) wrote: what is missing was changed on purpose
//     (e.g. a direct write of the state) and is left alone.
// Nothing grows: the additions expire after PENDING_MS; the removals are the last HARD_CAP keys, in memory only.
// A window also re-reads (and refreshes Recent Lookups) when it regains focus, to show the other windows' lookups.
import * as vscode from 'vscode';
import { HISTORY_STATE_KEY, WRITER_STATE_KEY } from '../constants';
import {
  addEntry,
  findEntry,
  addFailure,
  touchedAt,
  type StoredFailure,
  HARD_CAP,
  reconcileHistory,
  removeEntry,
  repairHistory,
  toStored,
  forStorage,
  withSendState,
  withoutMessage,
  type HistoryEntry,
} from '../core/history/history';
import { keyId, sendRefId, type LookupKey, type SendRef } from '../core/lookupKey';
import { Disposable } from '../disposable';
import * as settings from './settings';

/** Re-reads after a write (ms after it; each + up to CHECK_JITTER_MS). */
const CHECK_AFTER_MS = [300, 1000, 2500, 5000, 9000];
const CHECK_JITTER_MS = 250;
/** How long this window re-adds its own addition when another window's write dropped it. */
const PENDING_MS = 8000;

export class HistoryStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private cache: HistoryEntry[] | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  /** Entries dropped by the last repair; reported to the user once. */
  droppedOnLoad = 0;

  private readonly windowId = Math.random().toString(36).slice(2, 10);
  private writes = 0;
  /** The stamp of this window's last write; undefined before it wrote. */
  private stamp: string | undefined;
  /** This window's additions (as written) with the time they stop being re-added, by keyId. */
  private readonly added = new Map<string, { entry: HistoryEntry; until: number }>();
  /** checkedAt of the entries removed in this window, by keyId, the last HARD_CAP. */
  private readonly removed = new Map<string, number>();
  private checkTimer: NodeJS.Timeout | undefined;
  /** The last send state (paket_durum) seen of each send, the 50 most recent: a summary may arrive before the report
   *  it goes with is stored (the two are asked at the same moment), or before a batch writes its results. */
  private readonly sendStates = new Map<string, -1 | 0 | 1>(); // by sendRefId

  constructor(private readonly state: vscode.Memento) {
    super();
    this.register({ dispose: () => clearTimeout(this.checkTimer) });
    this.register(
      vscode.window.onDidChangeWindowState((s) => {
        // Another window may have added lookups while this one was in the background: re-read now, and again over
        // the next seconds as after a write of our own, since that window's write can reach this window's storage
        // after the focus event does (seen on VS Code 1.139 under load).
        if (!s.focused) return;
        this.invalidate();
        this.scheduleCheck(0);
      }),
    );
  }

  /** Reads and repairs what is stored; never throws. */
  all(): readonly HistoryEntry[] {
    if (!this.cache) {
      const { entries, dropped } = repairHistory(
        this.state.get<unknown>(HISTORY_STATE_KEY),
        settings.maxRecentLookups(),
      );
      this.cache = entries;
      this.droppedOnLoad += dropped;
      if (dropped > 0) void this.persist(entries);
    }
    return this.cache;
  }

  find(key: LookupKey): HistoryEntry | undefined {
    return findEntry(this.all(), key);
  }

  /** The entry with the send state last seen of its send, when it carries none. */
  private withKnownState(entry: HistoryEntry): HistoryEntry {
    const state = entry.sendState ?? this.sendStates.get(sendRefId({ sendId: entry.sendId, account: entry.account }));
    return state === undefined || state === entry.sendState ? entry : { ...entry, sendState: state };
  }

  /** `keepPlace`: a Refresh or a watch's check, which updates a listed entry where it stands. */
  add(entry: HistoryEntry, keepPlace = false): Promise<void> {
    const stored = forStorage(this.withKnownState(entry), settings.keepMessageText());
    return this.update((list) =>
      this.noteAdded(addEntry(list, stored, settings.maxRecentLookups(), keepPlace), [stored]),
    );
  }

  /** A failed lookup, kept beside the stored report of the same key (never replacing it), or as an entry of its own. */
  addFailure(key: LookupKey, failure: StoredFailure, account: string | undefined, keepPlace = false): Promise<void> {
    return this.update((list) => {
      const next = addFailure(list, key, failure, account, settings.maxRecentLookups(), keepPlace);
      const written = findEntry(next, key);
      return this.noteAdded(next, written ? [written] : []);
    });
  }

  /** Adds many lookups in one write (a batch), oldest first so the newest ends on top. */
  addMany(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const keep = settings.keepMessageText();
    const sorted = [...entries]
      .sort((a, b) => a.checkedAt - b.checkedAt)
      .map((e) => forStorage(this.withKnownState(e), keep));
    return this.update((list) =>
      this.noteAdded(
        sorted.reduce<HistoryEntry[]>((acc, e) => addEntry(acc, e, settings.maxRecentLookups()), [...list]),
        sorted,
      ),
    );
  }

  /** Removes one lookup; resolves with what was removed, for Undo. */
  async remove(key: LookupKey): Promise<HistoryEntry[]> {
    let gone: HistoryEntry[] = [];
    await this.update((list) => {
      gone = list.filter((e) => keyId(e) === keyId(key));
      this.noteRemoved(gone);
      return removeEntry(list, key);
    });
    return gone;
  }

  /** Removes every lookup; resolves with what was removed, for Undo. */
  async clear(): Promise<HistoryEntry[]> {
    let gone: HistoryEntry[] = [];
    await this.update((list) => {
      gone = [...list];
      this.noteRemoved([...list, ...[...this.added.values()].map((a) => a.entry)]);
      return [];
    });
    return gone;
  }

  /** Undo of a Remove or Clear All: puts the removed entries back where they stood. A key looked up again meanwhile
   *  keeps its newer entry. */
  restore(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    // As stored now: with the message text only if the user still keeps it (it may have been turned off meanwhile).
    const keep = settings.keepMessageText();
    return this.update((list) => {
      const back = entries.filter((e) => !findEntry(list, e)).map((e) => forStorage(e, keep));
      const cap = settings.maxRecentLookups();
      return this.noteAdded(
        back.reduce<HistoryEntry[]>((acc, e) => addEntry(acc, e, cap), [...list]),
        back,
      );
    });
  }

  /** Notes a send's state (its summary's paket_durum) on the stored entries of that send and account, in one write,
   *  when it changed. */
  setSendState(send: SendRef, state: -1 | 0 | 1): Promise<void> {
    const id = sendRefId(send);
    this.sendStates.delete(id);
    this.sendStates.set(id, state);
    if (this.sendStates.size > 50) this.sendStates.delete(this.sendStates.keys().next().value as string);
    if (!withSendState(this.all(), send, state)) return Promise.resolve();
    return this.update((list) => withSendState(list, send, state) ?? [...list]);
  }

  /** Re-applies the cap and the message-text setting to what is stored. */
  reapplySettings(): Promise<void> {
    return this.update((list) => {
      const kept = settings.keepMessageText() ? list : list.map(withoutMessage);
      return kept.slice(0, Math.max(1, settings.maxRecentLookups()));
    });
  }

  /** Another window may have written since we read: forget the cache. */
  invalidate(): void {
    this.cache = undefined;
    this.changed.fire();
  }

  private update(change: (list: readonly HistoryEntry[]) => HistoryEntry[]): Promise<void> {
    return this.queue(async () => {
      this.cache = undefined; // re-read: another window may have added meanwhile
      const next = this.reconcile(change(this.all())).entries;
      this.cache = next;
      await this.persist(next);
      this.changed.fire();
    });
  }

  /** One change at a time; every write starts the re-reads that repair another window's concurrent write. */
  private queue(run: () => Promise<void>): Promise<void> {
    const p = this.writing.then(run, run);
    this.writing = p.catch(() => undefined);
    return p;
  }

  /** This window's recent changes re-applied, when another window wrote since this window's last write. */
  private reconcile(list: HistoryEntry[]): { entries: HistoryEntry[]; changed: boolean } {
    const now = Date.now();
    for (const [k, a] of this.added) if (a.until <= now) this.added.delete(k);
    if (this.stamp === undefined || this.state.get(WRITER_STATE_KEY) === this.stamp)
      return { entries: list, changed: false };
    return reconcileHistory(
      list,
      { added: [...this.added.values()].map((a) => a.entry), removed: this.removed },
      settings.maxRecentLookups(),
    );
  }

  private noteAdded(next: HistoryEntry[], added: readonly HistoryEntry[]): HistoryEntry[] {
    const until = Date.now() + PENDING_MS;
    for (const a of added) {
      const k = keyId(a);
      const written = findEntry(next, a);
      this.removed.delete(k);
      this.added.delete(k);
      if (written) this.added.set(k, { entry: written, until });
    }
    while (this.added.size > HARD_CAP) this.added.delete(this.added.keys().next().value as string);
    return next;
  }

  private noteRemoved(gone: readonly HistoryEntry[]): void {
    for (const e of gone) {
      const k = keyId(e);
      const pending = this.added.get(k);
      const before = this.removed.get(k) ?? 0;
      this.added.delete(k);
      this.removed.delete(k); // re-inserted as the newest
      this.removed.set(k, Math.max(before, touchedAt(e), pending ? touchedAt(pending.entry) : 0));
    }
    while (this.removed.size > HARD_CAP) this.removed.delete(this.removed.keys().next().value as string);
  }

  /** A scheduled re-read: repairs what another window's write dropped, and shows what it added. */
  private check(step: number): void {
    void this.queue(async () => {
      const before = this.cache;
      this.cache = undefined;
      const current = [...this.all()];
      const { entries, changed } = this.reconcile(current);
      if (changed) {
        this.cache = entries;
        await this.persist(entries); // schedules the re-reads again
        this.changed.fire();
        return;
      }
      if (this.state.get(WRITER_STATE_KEY) === this.stamp) {
        // nobody else wrote since this window did: whatever of its additions is missing was removed on purpose
        for (const k of [...this.added.keys()]) if (!current.some((e) => keyId(e) === k)) this.added.delete(k);
      }
      if (!sameEntries(before, current)) this.changed.fire();
      if (step + 1 < CHECK_AFTER_MS.length) this.scheduleCheck(step + 1);
    }).catch(() => undefined);
  }

  private scheduleCheck(step: number): void {
    clearTimeout(this.checkTimer);
    if (this.isDisposed) return;
    const previous = step === 0 ? 0 : CHECK_AFTER_MS[step - 1];
    this.checkTimer = setTimeout(
      () => this.check(step),
      CHECK_AFTER_MS[step] - previous + Math.random() * CHECK_JITTER_MS,
    );
  }

  private persist(entries: readonly HistoryEntry[]): Thenable<unknown> {
    const compact = entries.map(toStored);
    this.stamp = `${this.windowId}.${++this.writes}`;
    this.scheduleCheck(0);
    // both keys are set at once, so VS Code writes (and broadcasts) them together in one state object
    return Promise.all([
      this.state.update(HISTORY_STATE_KEY, compact.length ? compact : undefined),
      this.state.update(WRITER_STATE_KEY, this.stamp),
    ]);
  }
}

function sameEntries(a: readonly HistoryEntry[] | undefined, b: readonly HistoryEntry[]): boolean {
  return !!a && a.length === b.length && a.every((e, i) => keyId(e) === keyId(b[i]) && e.checkedAt === b[i].checkedAt);
}
