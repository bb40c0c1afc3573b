// A small driver for UI specs: a real VS Code (code-server 4.139.1 = VS Code 1.139.1, or 4.100.3 = 1.100.3 for the
// floor's subset; harness/host.ts) with the packaged .vsix
// installed, opened in headless Debian chromium through playwright-core, used like a user would (command palette,
// input boxes, webviews, side bar, hovers, notifications). Bundled into each spec by esbuild (out/ui/*.test.js).
// See test/ui/README.md for the selectors behind each helper and the pitfalls found on the way.
// One module per part of the workbench it drives (page objects); this index is what the specs import.
export { REPO_ROOT } from './common';
export type { VSCode } from './driver';
export { tabTo, toPlaywrightChord } from './keyboard';
export { type LaunchOptions } from './launch';
export { useVSCode } from './mocha';
export { contextMenu, menuLabels, pickMenuItem } from './sidebar';
export { ACTIVITY_TITLE, waitForPersistedTabs } from './workbench';
export { center, closeAllEditors, closeModalEditor, closeTab, pointAt, union, wordBox, type Box } from './editor';
export { expectNoHover, hoverUntil, hoverWord, ourHover, untilNoHover } from './hover';
export { startPromptProbe, stopPromptProbe } from './quickInput';
export { editUserSettingsJson, waitForUserSettings } from './settings';
export { describedTooltip } from './webview';
