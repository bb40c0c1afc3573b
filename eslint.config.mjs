// Lint: typescript-eslint's recommended rules, plus the layer rules of docs/architecture.md (GitLens enforces its own
// the same way, with no-restricted-imports + allowTypeImports). Imports run down the layers only:
//   src/extension.ts (activation shell) → src/main.ts → commands → views → services → core → shared
//   - src/core and src/shared: no value import of vscode (type imports are fine), nothing of the host, no I/O module;
//   - src/services: never views, commands, or the composition root (state flows down, events flow up);
//   - src/views: never commands or the composition root;
//   - src/commands: never the composition root;
//   - src/extension.ts: no value import of the features (they load lazily), only ids, the hover's code match and types;
//   - src/webview: only src/shared;
//   - src/mcp (the MCP server, a process of its own): nothing of vscode, not even a type, and of the services only the
//     transport (services/http.ts); .dependency-cruiser.cjs also refuses vscode reached through any other module.
// test/unit/layers.test.ts proves that each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message:
    'src/core and src/shared stay pure: no value import of vscode (use `import type`), so they run in plain Node.',
  allowTypeImports: true,
};

/** Node modules that do I/O: the pure layers never import them. */
const IO_MODULES = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'child_process',
  'node:child_process',
  'node-fetch',
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.bench/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // src/core is grouped by feature (core/api, core/report, …) with a few shared values at its root, and src/shared holds
  // one protocol file per page (src/shared/protocol/): a file may import anything inside src/core and src/shared,
  // nothing above them, so the pattern depends on the file's depth.
  ...[
    { files: ['src/core/*.ts', 'src/shared/*.ts'], up: '\\.\\./' },
    { files: ['src/core/*/**/*.ts', 'src/shared/*/**/*.ts'], up: '\\.\\./\\.\\./' },
  ].map(({ files, up }) => ({
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode, ...IO_MODULES.map((name) => ({ name, message: 'src/core and src/shared do no I/O.' }))],
          patterns: [
            { regex: `^${up}(?!shared/)`, message: 'src/core and src/shared import only src/core and src/shared.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch'],
    },
  })),
  {
    files: ['src/services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(views|commands|main|extension)(/|$)',
              message: 'src/services never imports views, commands or the composition root: fire an event instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/views/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(commands|main|extension)(/|$)',
              message: 'src/views never imports commands or the composition root: run a command by its id instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(main|extension)(/|$)',
              message: 'src/commands never imports the composition root.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/extension.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\./(main|commands|views|services)(/|$)',
              allowTypeImports: true,
              message: 'The activation shell loads the features lazily (dist/main.js): import their types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Instrumentation (the timing marks the bench reads) lives in src/instrumentation/, imported only where a mark is
    // taken; and src never imports test code (the test build's one require of test/surface/ in src/extension.ts is
    // guarded by VAIROSMS_TEST_BUILD, which the packaged build drops; test/unit/testSurface.test.ts reads the bundles).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/(^|\\/)test\\//]",
          message: 'src never imports test code: the test surface lives in test/surface/ (test build only).',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/instrumentation/**',
      'src/extension.ts',
      'src/commands/input.ts',
      'src/views/reportPanel.ts',
      'src/views/reportPanels.ts',
      'src/views/webviewChannel.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/(^|\\/)test\\//]",
          message: 'src never imports test code: the test surface lives in test/surface/ (test build only).',
        },
        {
          selector: 'ImportDeclaration[source.value=/(^|\\/)instrumentation\\//]',
          message:
            'Timing marks are taken only where docs/architecture.md lists them (src/extension.ts, the input box, the report panels and their webview channel).',
        },
      ],
    },
  },
  {
    // Notifications render [label](command:…) as links: every one goes through src/views/notify.ts, which takes only
    // text of our own (src/core/ownText.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/views/notify.ts', 'src/webview/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['showInformationMessage', 'showWarningMessage', 'showErrorMessage'].map((property) => ({
          property,
          message: 'Show notifications through src/views/notify.ts: it takes only text of our own.',
        })),
      ],
    },
  },
  {
    files: ['src/mcp/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'The MCP server runs outside VS Code (node dist/mcp.js): no vscode, not even a type.',
            },
          ],
          patterns: [
            {
              regex: '^\\.\\./(views|commands|main|extension|instrumentation)(/|$)|^\\.\\./services/(?!http$)',
              message: 'The MCP server imports src/core, src/constants and the transport (services/http.ts) only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [{ regex: '^\\.\\./(?!shared/)', message: 'The webview imports only src/shared.' }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render API data as text (textContent), never HTML.' },
        { property: 'outerHTML', message: 'Render API data as text (textContent), never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render API data as text (textContent), never HTML.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        fetch: 'readonly',
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
