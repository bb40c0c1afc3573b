// Recent lookups in globalState (plain records, no key, no URL). Each change re-reads the stored list first, so
// two windows adding at once both keep their entries; the list is repaired and capped when read.
import * as vscode from 'vscode';
import { addEntry, findEntry, removeEntry, repairHistory, withoutMessage, type HistoryEntry } from '../core/history';
import { Disposable } from '../disposable';
import * as settings from './settings';

export const HISTORY_STATE_KEY = 'vairosms.recentLookups.v1';

export class HistoryStore extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private cache: HistoryEntry[] | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  /** Entries dropped by the last repair; reported to the user once. */
  droppedOnLoad = 0;

  constructor(private readonly state: vscode.Memento) {
    super();
  }

  /** Reads and repairs what is stored; never throws. */
  all(): readonly HistoryEntry[] {
    if (!this.cache) {
      const { entries, dropped } = repairHistory(this.state.get<unknown>(HISTORY_STATE_KEY), settings.maxRecentLookups());
      this.cache = entries;
      this.droppedOnLoad += dropped;
      if (dropped > 0) void this.persist(entries);
    }
    return this.cache;
  }

  find(key: { sendId: string; number: string }): HistoryEntry | undefined {
    return findEntry(this.all(), key);
  }

  add(entry: HistoryEntry): Promise<void> {
    const stored = settings.keepMessageText() ? entry : withoutMessage(entry);
    return this.update((list) => addEntry(list, stored, settings.maxRecentLookups()));
  }

  /** Adds many lookups in one write (a batch), oldest first so the newest ends on top. */
  addMany(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const keep = settings.keepMessageText();
    const sorted = [...entries].sort((a, b) => a.checkedAt - b.checkedAt).map((e) => (keep ? e : withoutMessage(e)));
    return this.update((list) => sorted.reduce<HistoryEntry[]>((acc, e) => addEntry(acc, e, settings.maxRecentLookups()), [...list]));
  }

  remove(key: { sendId: string; number: string }): Promise<void> {
    return this.update((list) => removeEntry(list, key));
  }

  clear(): Promise<void> {
    return this.update(() => []);
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
    const run = async () => {
      this.cache = undefined; // re-read: another window may have added meanwhile
      const next = change(this.all());
      this.cache = next;
      await this.persist(next);
      this.changed.fire();
    };
    const p = this.writing.then(run, run);
    this.writing = p.catch(() => undefined);
    return p;
  }

  private persist(entries: readonly HistoryEntry[]): Thenable<void> {
    const compact = entries.map(compactEntry);
    return this.state.update(HISTORY_STATE_KEY, compact.length ? compact : undefined);
  }
}

/** Smaller globalState: the report's echo of the send ID and number is dropped when it equals the entry's own, and a
 *  timeline of one point (the lookup itself, derivable from status and checkedAt) is not stored. */
function compactEntry(e: HistoryEntry): HistoryEntry {
  const { sendId, number, ...rest } = e.report;
  const { timeline, ...entry } = e;
  return {
    ...entry,
    ...(timeline && timeline.length > 1 ? { timeline } : {}),
    report: { ...rest, ...(sendId !== undefined && sendId !== e.sendId ? { sendId } : {}), ...(number !== undefined && number !== e.number ? { number } : {}) },
  };
}
