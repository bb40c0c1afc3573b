// dependency-cruiser: no import cycle anywhere in src (type-only imports count: a cycle of types is still a knot a
// reader has to untie), and the MCP server (src/mcp/, dist/mcp.js, a process of its own) reaches nothing of vscode,
// by any path. The layer rules stay in eslint.config.mjs, where test/unit/layers.test.ts proves each fires;
// test/unit/cycles.test.ts proves these two fire.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not depend on itself through others: move the shared piece down into its own module.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'mcp-no-vscode',
      severity: 'error',
      comment:
        'The MCP server runs outside VS Code (node dist/mcp.js): nothing it imports may import vscode, directly or through another module.',
      from: { path: '^src/mcp/' },
      to: { path: '^vscode$', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
