#!/usr/bin/env node
// Removes from a wasm module the exports whose names match a pattern, in place, so that wasm-opt
// then drops the code only they reached. The wasm-bindgen wrapper uses it for the classes that
// the crate wasm-streams exports (a dependency of Leptos's server functions, which Bia has no
// use for): its `IntoUnderlying*` stream adapters, which nothing in Bia creates, and whose
// JS classes stay in the bindings unused.
//
//   node scripts/wasm-split/drop-exports.mjs FILE.wasm REGEX     # prints what it removed
import { readFileSync, writeFileSync } from 'node:fs';
import { leb, sections } from './wasm-sections.mjs';

const [file, pattern] = process.argv.slice(2);
if (!file || !pattern) {
  console.error('usage: drop-exports.mjs FILE.wasm REGEX');
  process.exit(2);
}
const matches = new RegExp(pattern);
const wasm = readFileSync(file);
const encode = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
};
const parts = [wasm.subarray(0, 8)];
const dropped = [];
for (const { id, start, body, end } of sections(wasm, file)) {
  if (id !== 7) {
    parts.push(wasm.subarray(start, end));
    continue;
  }
  let [count, p] = leb(wasm, body);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const entryStart = p;
    const [len, nameAt] = leb(wasm, p);
    const name = wasm.toString('utf8', nameAt, nameAt + len);
    const [, afterIndex] = leb(wasm, nameAt + len + 1);
    p = afterIndex;
    if (matches.test(name)) dropped.push(name);
    else kept.push(wasm.subarray(entryStart, p));
  }
  const content = Buffer.concat([encode(kept.length), ...kept]);
  parts.push(Buffer.from([7]), encode(content.length), content);
}
writeFileSync(file, Buffer.concat(parts));
console.error(`drop-exports: ${dropped.length} export(s) removed: ${dropped.join(' ')}`);
