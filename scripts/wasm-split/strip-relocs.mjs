#!/usr/bin/env node
// Copies a wasm module without its `linking` and `reloc.*` custom sections (what
// `-Clink-args=--emit-relocs` adds). The wasm-bindgen wrapper uses it for a build with nothing
// `#[lazy]` in it: wasm-bindgen would keep those sections, and wasm-opt then warns "linking
// section is present" and leaves the module three times its size.
//
//   node scripts/wasm-split/strip-relocs.mjs IN.wasm OUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';
import { leb, sections } from './wasm-sections.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: strip-relocs.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const wasm = readFileSync(input);
const kept = [wasm.subarray(0, 8)];
let removed = 0;
for (const { id, start, body, end } of sections(wasm, input)) {
  let drop = false;
  if (id === 0) {
    const [len, nameAt] = leb(wasm, body);
    const name = wasm.toString('utf8', nameAt, nameAt + len);
    drop = name === 'linking' || name.startsWith('reloc.');
  }
  if (drop) removed++;
  else kept.push(wasm.subarray(start, end));
}
writeFileSync(output, Buffer.concat(kept));
console.error(`strip-relocs: ${removed} section(s) removed, ${wasm.length} -> ${Buffer.concat(kept).length} bytes`);
