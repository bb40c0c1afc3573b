// Build flags, defined by esbuild.js. VAIROSMS_TEST_BUILD is true only in the test build of the extension
// (out/test-extension: the integration tests and the bench); the packaged dist/ is built with false, so what it guards
// is dropped from the bundles.
declare const VAIROSMS_TEST_BUILD: boolean;
