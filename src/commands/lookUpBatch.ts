// VairoSMS: Look Up Several Numbers… — one send ID, many numbers (from the selection, the current file, a file, or
// typed), validated line by line (bad lines are listed, never dropped silently), looked up with a concurrency cap
// under a cancellable progress notification, shown in a sortable table, added to Recent Lookups, exportable.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { csvDelimiterFor, toCsv, toJson } from '../core/batch/batchExport';
import { countItems, runBatch, type BatchItem, type BatchResult } from '../core/batch/batchRun';
import { type HistoryEntry } from '../core/history/history';
import { checkSendId } from '../core/lookupKey';
import {
  MAX_BATCH_INPUT_BYTES,
  MAX_BATCH_NUMBERS,
  parseNumberListSliced,
  type ParsedNumberList,
} from '../core/batch/numberList';
import { formatNumber, plural } from '../core/numbers';
import { own, ownCount, ownFileName, ownSendId, type OwnText } from '../core/ownText';
import * as settings from '../services/settings';
import { BatchPanel } from '../views/batchPanel';
import { askModal, showError, showInfo, showWarning } from '../views/notify';
import { ensureApiKey } from './accounts';
import { type CommandDeps } from './deps';
import { readNumbers, withinCap } from './batchInput';
import { prefill, promptSendId } from './prompts';

function describeParse(parsed: ParsedNumberList): OwnText | undefined {
  const parts: OwnText[] = [];
  const n = (x: number): OwnText => ownCount(x, vscode.env.language);
  if (parsed.invalid.length)
    parts.push(own('Lines that are not phone numbers: {0}. They are listed in the results.', n(parsed.invalid.length)));
  if (parsed.duplicateCount) parts.push(own('Duplicates, looked up once: {0}.', n(parsed.duplicateCount)));
  if (parsed.leftOut)
    parts.push(
      plural(
        parsed.leftOut,
        own('{0} number beyond the limit of {1} was left out.', n(parsed.leftOut), n(MAX_BATCH_NUMBERS)),
        own('{0} numbers beyond the limit of {1} were left out.', n(parsed.leftOut), n(MAX_BATCH_NUMBERS)),
      ),
    );
  return parts.length ? (parts.join(' ') as OwnText) : undefined;
}

/** The lines that are not numbers, in the log (as text): a notification must not quote them. */
function logInvalid(log: CommandDeps['log'], parsed: ParsedNumberList): void {
  for (const i of parsed.invalid.slice(0, MAX_INVALID_LOGGED))
    log.warn(`batch input line ${i.line}: ${JSON.stringify(i.input)}: ${i.message}`);
  if (parsed.invalid.length > MAX_INVALID_LOGGED)
    log.warn(`batch input: ${parsed.invalid.length - MAX_INVALID_LOGGED} more lines that are not numbers`);
}

const MAX_INVALID_LOGGED = 50;

/** A modal the user must accept before a batch whose send or numbers came with the command's call. */
async function confirmBatch(sendId: string, count: number): Promise<boolean> {
  const start = vscode.l10n.t('Look Up');
  const choice = await askModal(
    plural(
      count,
      own('Look up {0} number in send #{1}?', ownCount(count, vscode.env.language), ownSendId(sendId)),
      own('Look up {0} numbers in send #{1}?', ownCount(count, vscode.env.language), ownSendId(sendId)),
    ),
    own(
      'Another extension, a link or a keybinding started this batch with its own send ID or numbers. Each number is one request to VairoSMS with your API key.',
    ),
    start,
  );
  return choice === start;
}

let batchCounter = 0;

export function registerLookUpBatch(deps: CommandDeps): vscode.Disposable {
  return deps.commands.register(
    Commands.lookUpBatch,
    async (sendIdArg?: unknown, numbersArg?: unknown): Promise<BatchResult | undefined> => {
      // From code: (sendId, numbers as an array or text); otherwise ask.
      let sendId: string | undefined;
      if (typeof sendIdArg === 'string' || typeof sendIdArg === 'number') {
        const c = checkSendId(String(sendIdArg));
        if (!c.ok) {
          void showError(c.message);
          return undefined;
        }
        sendId = c.value;
      } else {
        sendId = await promptSendId({
          title: vscode.l10n.t('Look Up Several Numbers'),
          value: prefill(deps.history).sendId,
        });
        if (sendId === undefined) return undefined;
      }
      const text = Array.isArray(numbersArg)
        ? withinCap(numbersArg.slice(0, MAX_BATCH_INPUT_BYTES).map(String).join('\n'))
        : typeof numbersArg === 'string'
          ? withinCap(numbersArg)
          : await readNumbers();
      if (text === undefined) return undefined;
      // In slices of 10 ms with the host's turn between them: a list of a few MB takes a second or two to read.
      const parsed = await parseNumberListSliced(
        text,
        () => new Promise<void>((resolve) => setImmediate(resolve)),
        () => performance.now(),
        undefined,
        vscode.env.language,
      );
      if (parsed.numbers.length === 0) {
        const first = parsed.invalid[0];
        if (!first) {
          void showError(own('No phone number to look up: the input is empty.'));
          return undefined;
        }
        // The lines themselves came from a file or a selection: they go to the log, never into the notification.
        logInvalid(deps.log, parsed);
        const showLog = vscode.l10n.t('Show Log');
        const choice = await showError(
          plural(
            parsed.invalid.length,
            own('No phone number to look up: line {0} is not a phone number. The log says why.', first.line),
            own(
              'No phone number to look up: none of the {0} lines is a phone number (the first is line {1}). The log lists them with the reason.',
              ownCount(parsed.invalid.length, vscode.env.language),
              first.line,
            ),
          ),
          showLog,
        );
        if (choice === showLog) deps.log.show();
        return undefined;
      }
      // A call with arguments (another extension, a link, a keybinding) chose the send or the numbers for the user:
      // nothing is sent until the user agrees. The palette, the menus and the Recent Lookups view pass none.
      const fromArguments =
        typeof sendIdArg === 'string' ||
        typeof sendIdArg === 'number' ||
        typeof numbersArg === 'string' ||
        Array.isArray(numbersArg);
      if (fromArguments && !(await confirmBatch(sendId, parsed.numbers.length))) return undefined;
      if (!(await ensureApiKey(deps.accounts, deps.log))) return undefined;

      const id = `batch-${++batchCounter}`;
      const numbers = parsed.numbers.map((n) => n.number);
      const abort = new AbortController();
      let latest: BatchResult | undefined = undefined; // the result, once the batch ended
      const finished: BatchItem[] = [];
      const partial = (): BatchResult => {
        const items = finished.filter((i) => i !== undefined);
        return { items, cancelled: false, counts: countItems(items), durationMs: 0, maxConcurrency: 0 };
      };
      const target = sendId;
      // The batch keeps the account it started with, even if the user switches meanwhile.
      const account = deps.accounts.list().active;
      const withAccount = account !== undefined ? { account } : {};
      const panel = new BatchPanel({
        extensionUri: deps.extensionUri,
        id,
        sendId: target,
        total: numbers.length,
        invalid: parsed.invalid,
        lines: parsed.numbers.map((n) => n.line),
        handlers: {
          openRow: (index) => {
            const item = latest?.items[index] ?? finished[index];
            if (!item) return;
            const key = { sendId: target, number: item.number };
            if (item.result?.ok)
              deps.panels.showResult(key, account, item.result.report, item.finishedAt ?? Date.now(), item.result.raw);
            else void vscode.commands.executeCommand(Commands.lookUpReport, target, item.number);
          },
          export: (format) => void exportResult(latest ?? partial(), target, format),
          cancel: () => abort.abort(),
        },
        log: deps.log,
      });
      // The send's summary, once for the whole batch, shown above the table when it arrives.
      void panel.showSummary({ state: 'loading' });
      void deps.lookups
        .lookUpSend(target, { signal: abort.signal, ...withAccount })
        .then((r) => panel.showSummary({ state: 'done', result: r, checkedAt: Date.now() }));
      const note = describeParse(parsed);
      if (note) void showWarning(note); // the lines themselves are listed, as text, in the batch panel
      deps.log.info(
        `batch ${id}: send ${target}, ${numbers.length} numbers, concurrency ${settings.batchConcurrency()}`,
      );

      const lang = vscode.env.language;
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: plural(
            numbers.length,
            vscode.l10n.t('VairoSMS: looking up {0} number in send #{1}', formatNumber(numbers.length, lang), target),
            vscode.l10n.t('VairoSMS: looking up {0} numbers in send #{1}', formatNumber(numbers.length, lang), target),
          ),
          cancellable: true,
        },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          // Answers by input index; the panel builds its snapshot from them only when a render is due, and the
          // progress notification is told at most every 100 ms (each report is a message to the workbench).
          let reported = 0;
          let lastReport = 0;
          return runBatch({
            sendId: target,
            numbers,
            concurrency: settings.batchConcurrency(),
            signal: abort.signal,
            lookup: (number, signal) =>
              deps.lookups.lookUp(
                { sendId: target, number },
                { progress: false, notify: false, record: false, summary: false, signal, ...withAccount },
              ),
            onProgress: (done, total, item) => {
              finished[item.index] = item;
              const now = Date.now();
              if (now - lastReport >= 100 || done === total) {
                progress.report({
                  increment: ((done - reported) * 100) / total,
                  message: vscode.l10n.t('{0} of {1}', formatNumber(done, lang), formatNumber(total, lang)),
                });
                reported = done;
                lastReport = now;
              }
              void panel.update(partial, 'running');
            },
            onPause: (ms) =>
              progress.report({
                message: vscode.l10n.t(
                  'VairoSMS asks to slow down; waiting {0} s…',
                  formatNumber(Math.ceil(ms / 1000), lang),
                ),
              }),
          });
        },
      );
      latest = result;
      void panel.update(result, result.cancelled ? 'cancelled' : 'done');
      const now = Date.now();
      const entries: HistoryEntry[] = result.items.flatMap((i) =>
        i.result?.ok
          ? [
              {
                sendId: target,
                number: i.number,
                checkedAt: i.finishedAt ?? now,
                report: i.result.report,
                ...withAccount,
              },
            ]
          : [],
      );
      await deps.history.addMany(entries);
      deps.log.info(
        `batch ${id}: ${entries.length} answered, ${result.items.length - entries.length} failed or cancelled, in ${result.durationMs} ms, at most ${result.maxConcurrency} in flight`,
      );
      return result;
    },
  );
}

async function exportResult(result: BatchResult, sendId: string, format: 'csv' | 'json'): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `vairosms-send-${sendId}.${format}`;
  // Excel splits a CSV on the list separator of the user's language: a semicolon where the comma is the decimal mark.
  const delimiter = csvDelimiterFor(vscode.env.language);
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    title:
      format === 'json'
        ? vscode.l10n.t('Export the results of send #{0} as JSON', sendId)
        : delimiter === ';'
          ? vscode.l10n.t('Export the results of send #{0} as CSV, separated by semicolons (;)', sendId)
          : vscode.l10n.t('Export the results of send #{0} as CSV, separated by commas (,)', sendId),
    filters:
      format === 'csv'
        ? {
            [delimiter === ';' ? vscode.l10n.t('CSV, semicolon-separated') : vscode.l10n.t('CSV, comma-separated')]: [
              'csv',
            ],
          }
        : { JSON: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) return;
  // The SMS text is written only where history may keep it (read when the file is written, as history reads it).
  const includeMessage = settings.keepMessageText();
  const text =
    format === 'csv'
      ? toCsv(result, sendId, { bom: true, delimiter, includeMessage })
      : toJson(result, sendId, { includeMessage });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const open = vscode.l10n.t('Open');
  const file = ownFileName(uri.path.split('/').pop() ?? '');
  const count = result.items.length;
  const rows = ownCount(count, vscode.env.language);
  const choice = await showInfo(
    includeMessage
      ? file
        ? plural(count, own('Exported {0} row to {1}.', rows, file), own('Exported {0} rows to {1}.', rows, file))
        : plural(count, own('Exported {0} row.', rows), own('Exported {0} rows.', rows))
      : plural(
          count,
          own('Exported {0} row, without the SMS text (vairosms.history.keepMessageText is off).', rows),
          own('Exported {0} rows, without the SMS text (vairosms.history.keepMessageText is off).', rows),
        ),
    open,
  );
  if (choice === open) await vscode.window.showTextDocument(uri);
}
