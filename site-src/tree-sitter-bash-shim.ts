// Stands in for the native grammar package in the browser bundle: the wasm
// grammar is loaded by tree-sitter-shim.ts's `loadBash` instead.
export = {};
