// The status bar item of the active account, shown while two or more accounts exist (a click switches). The item
// belongs to the activation shell, which draws it from globalState at startup; this keeps it current once the
// features are loaded.
import { Disposable } from '../disposable';
import { type AccountStore } from '../services/accounts';

export class AccountStatus extends Disposable {
  constructor(
    private readonly accounts: AccountStore,
    private readonly show: (name: string | undefined) => void,
  ) {
    super();
    this.register(accounts.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const s = this.accounts.list();
    this.show(s.accounts.length > 1 ? this.accounts.active()?.name : undefined);
  }
}
