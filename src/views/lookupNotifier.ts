// Tells the user when a lookup failed (unless its caller asked for quiet, like the watcher's checks): one error
// notification with the failure's class, what happened and what to do, and the same next steps the panel offers
// (src/core/errors.ts errorActions). The provider's text is shown in the panel only: a notification renders links.
import { describeError, errorActionLabel, errorActions, errorSetting } from '../core/errors';
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

  private async notify(e: LookupFinished): Promise<void> {
    if (e.result.ok || !e.notify || e.result.error.kind === 'cancelled') return;
    const error = e.result.error;
    const d = describeError(error);
    const actions = errorActions(error).map((id) => ({ id, title: errorActionLabel(id) }));
    const choice = await showErrorWith(
      own(
        '{0} ({1} in send #{2}): {3} {4}',
        d.title,
        ownNumber(e.key.number, settings.displayNumber),
        ownSendId(e.key.sendId),
        d.message,
        d.action,
      ),
      ...actions,
    );
    if (choice) await this.panels.runErrorAction(choice.id, e.key, errorSetting(error));
  }
}
