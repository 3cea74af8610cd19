// The tool's own folder (package.json, examples/). Every module that looks for a file of the package asks here:
// this module is one folder below the root wherever it runs (src/, dist/, or a file of dist/'s bundle, see
// scripts/bundle.mjs), where the modules that use it are not.
export const packageRoot = new URL('../', import.meta.url);
