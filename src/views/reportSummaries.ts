// The send's summary in the report panels: every panel follows the summary of its own send as its account sees it
// (a panel's sendAccount: its latest lookup's account, or the stored entry's), so a lookup with another account never
// draws that account's send 187 into this one's. The send panels follow the same events (src/views/sendPanel.ts).
import { type SendRef } from '../core/lookupKey';
import { Disposable } from '../disposable';
import { type LookupService } from '../services/lookupService';
import { type ReportPanel } from './reportPanel';

export class ReportSummaries extends Disposable {
  constructor(
    private readonly lookups: LookupService,
    private readonly panels: () => readonly ReportPanel[],
  ) {
    super();
    this.register(
      lookups.onDidStartSend((send) => this.ofSend(send).forEach((p) => p.showSummary({ state: 'loading' }))),
    );
    this.register(
      lookups.onDidFinishSend((e) => {
        // A cancelled fetch leaves the last summary that arrived in place.
        const last = e.result.ok || e.result.error.kind !== 'cancelled' ? e : lookups.lastSummary(e);
        for (const p of this.ofSend(e)) {
          if (last) p.showSummary({ state: 'done', result: last.result, checkedAt: last.checkedAt });
        }
      }),
    );
  }

  /** A panel opened for a send (as `account` sees it) starts with what is known of that send: a summary being
   *  fetched, the last one that arrived, or none (another account's summary never stays). `draw` false: kept for the
   *  panel's next render. */
  into(panel: ReportPanel, account: string | undefined, draw = true): void {
    panel.sendAccount = account;
    const send: SendRef = { sendId: panel.key.sendId, account };
    const last = this.lookups.lastSummary(send);
    if (this.lookups.isSendRunning(send)) panel.showSummary({ state: 'loading' }, draw);
    else panel.showSummary(last && { state: 'done', result: last.result, checkedAt: last.checkedAt }, draw);
  }

  private ofSend(send: SendRef): ReportPanel[] {
    return this.panels().filter((p) => p.key.sendId === send.sendId && p.sendAccount === send.account);
  }
}
