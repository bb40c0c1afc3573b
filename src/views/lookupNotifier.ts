// Tells the user when a lookup failed (unless its caller asked for quiet, like the watcher's checks): one error
// notification with the failure's class, what happened and what to do, and the same next steps the panel offers
// (src/core/api/errors.ts errorActions). The provider's text is shown in the panel only: a notification renders links.
// Toasts do not pile up: none while the panel of that lookup is in front (it shows the error, with the same
// actions), and one per lookup at a time (while one is open, the panel has the latest). VS Code cannot close or
// replace a notification from an extension, so a toast stays until the user closes it.
import * as vscode from 'vscode';
import { describeError, errorActionLabel, errorActions, errorSetting } from '../core/api/errors';
import { keyId } from '../core/lookupKey';
import { own, ownNumber, ownSendId } from '../core/ownText';
import { Disposable } from '../disposable';
import { type LookupFinished, type LookupService } from '../services/lookupService';
import * as settings from '../services/settings';
import { showErrorWith } from './notify';
import { type ReportPanels } from './reportPanels';

export class LookupNotifier extends Disposable {
  constructor(
    lookups: LookupService,
    private readonly panels: ReportPanels,
  ) {
    super();
    this.register(lookups.onDidFinish((e) => void this.notify(e)));
  }

  /** The lookups (by keyId) whose error toast is still open. */
  private readonly open = new Set<string>();

  private async notify(finished: LookupFinished): Promise<void> {
    if (finished.result.ok || !finished.notify || finished.result.error.kind === 'cancelled') return;
    // Only the key and the error are kept while the toast is open (not the answer, up to 1 MB).
    const key = finished.key;
    const full = finished.result.error;
    // A refused redirect's target host is the server's text: named in the panel, not here.
    const error = full.kind === 'redirect' && full.redirect ? { ...full, redirect: { why: full.redirect.why } } : full;
    const id = keyId(key);
    if (this.panels.isInFront(key)) return; // the user is looking at the error in its panel
    if (this.open.has(id)) return; // one toast per lookup at a time
    const d = describeError(error, vscode.env.language);
    const actions = errorActions(error).map((id) => ({ id, title: errorActionLabel(id) }));
    this.open.add(id);
    let choice: (typeof actions)[number] | undefined;
    try {
      choice = await showErrorWith(
        own(
          '{0} ({1} in send #{2}): {3} {4}',
          d.title,
          ownNumber(key.number, settings.displayNumber),
          ownSendId(key.sendId),
          d.message,
          d.action,
        ),
        ...actions,
      );
    } finally {
      this.open.delete(id);
    }
    if (choice) await this.panels.runErrorAction(choice.id, key, errorSetting(error));
  }
}
