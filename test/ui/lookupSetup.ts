// What the two lookup specs share (lookup.test.ts: the key, the prompts and the report panel; lookupRecent.test.ts:
// Recent Lookups, failures, a reload): the key, the tab titles, the chords, the launch options and the report panel.
import type { FrameLocator } from 'playwright-core';
import { NUMBER_FOR_STATUS, SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import type { VSCode, LaunchOptions } from './harness';

export const KEY = 'ui-lookup-key-7f21';
export const MESSAGE = SAMPLE_REPORT.mesaj as string;
export const SAMPLE_TAB = `${SAMPLE.number} · send ${SAMPLE.sendId}`;
export const WRONG_KEY_NUMBER = NUMBER_FOR_STATUS.SENT;
export const WRONG_KEY_TAB = `${WRONG_KEY_NUMBER} · send ${SAMPLE.sendId}`;
export const LOOKUP_WRONG_KEY_CHORD = 'ctrl+alt+shift+f1';
export const LOOKUP_WAITING_CHORD = 'ctrl+alt+shift+f2';
export const LOOKUP_REDIRECT_CHORD = 'ctrl+alt+shift+f3';
export const REDIRECT_SEND = '9018'; // the sandbox redirects it to another host
export const LOOKUP_RATE_LIMITED_CHORD = 'ctrl+alt+shift+f4';
export const RATE_LIMITED_SEND = '9022'; // the sandbox answers 429 with Retry-After: 6, every time
/** The sample's lookup without prompts (lookupRecent.test.ts starts from it). */
export const LOOKUP_SAMPLE_CHORD = 'ctrl+alt+shift+f5';

/** The report panel's content once it shows a report (or an error, with `state`). */
export async function panel(v: VSCode, tabTitle: string, state: 'report' | 'error' = 'report'): Promise<FrameLocator> {
  const frame = v.webview(tabTitle);
  await frame.locator(`#app[data-state="${state}"]`).waitFor({ timeout: 30000 });
  return frame;
}

/** The launch options of both lookup specs: the light theme, the sandbox's root, and a chord per lookup they make. */
export const lookupOptions = (apiRoot: string): LaunchOptions => ({
  colorTheme: 'Default Light Modern',
  settings: { 'vairosms.apiRoot': apiRoot },
  keybindings: [
    {
      key: LOOKUP_SAMPLE_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: SAMPLE.sendId, number: SAMPLE.number },
    },
    {
      key: LOOKUP_WRONG_KEY_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: SAMPLE.sendId, number: WRONG_KEY_NUMBER },
    },
    {
      key: LOOKUP_RATE_LIMITED_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: RATE_LIMITED_SEND, number: SAMPLE.number },
    },
    {
      key: LOOKUP_REDIRECT_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: REDIRECT_SEND, number: SAMPLE.number },
    },
    {
      key: LOOKUP_WAITING_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING },
    },
  ],
});
