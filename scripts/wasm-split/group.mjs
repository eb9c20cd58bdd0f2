// node group.mjs SPLIT_DIR
// Puts the wasm chunks wasm-split-cli wrote (one per `#[lazy]` function, plus some hundred small
// ones for the code they share) into a few files, by when the app wants them, and points the
// loader (`__wasm_split.js`, in SPLIT_DIR) at those. In place, before the chunks are optimised.
//
// Why: every chunk is a request, a module to instantiate and a gzip stream of its own. A visit
// fetched about a hundred of them; one file per moment compresses better (the code of the
// chunks of one screen has much in common), and the page makes a few requests, not a hundred.
//
// How: a chunk of wasm-split-cli's imports nothing but `__wasm_split`'s memory, table and
// `__wasm_split_shared0` (the stack pointer), places its functions in the table with active
// element segments at fixed slots, and its data at fixed addresses, and has no start function.
// So a group is those chunks instantiated together: `wasm-merge` makes one module of them, with
// a hub module named `__wasm_split` that takes the three from the module "split" and hands them
// on, so the chunks' imports meet in one. The loader instantiates a group at most once (a load
// that fails is asked for again, see loader.mjs) and gives it { split: <the shared imports> }.
//
// The groups, in order: a chunk belongs to the first group with a function that needs it, so a
// function may need the groups before its own too, and the order says which functions that
// costs: a translation comes before the first screen of a visitor in another language, home's
// prompts with its first paint, the player on a tap on Start; the reader of what is stored and
// the settings panel (which need most of the rest) come from the service worker's cache on a
// return visit, or a moment after the first paint. A `#[lazy]` function not named here goes to
// the last group, with the screens.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { leb, sections } from './wasm-sections.mjs';

const GROUPS = [
  // The figures on home, a moment after the first paint.
  ['figures', ['drawn_loop', 'still_drawing']],
  // A translation, before the first screen in a language other than English.
  ['language', ['load']],
  // Home's small additions after the first paint.
  ['prompts', ['update_prompt', 'next_reminder_line', 'watch_voices']],
  // Start, the player and the summary.
  ['player', ['start_session', 'player_screen', 'summary_screen']],
  // What is stored, before the first screen of a returning visitor.
  ['stored', ['read_saved', 'read_theirs', 'adapted']],
  // The settings below the routine, and the backup nudge.
  ['panels', ['settings_panel', 'backup_nudge']],
  // Every other screen, fetched a second after the first paint.
  ['screens', []],
];
// The features the chunks are built with (wasm32-unknown-unknown's defaults), for wasm-merge.
const FEATURES = [
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-bulk-memory',
  '--enable-bulk-memory-opt',
  '--enable-sign-ext',
  '--enable-reference-types',
  '--enable-multivalue',
  '--enable-call-indirect-overlong',
];

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node group.mjs SPLIT_DIR');
  process.exit(2);
}
const fail = (why) => {
  console.error(`wasm-split group: ${dir}: ${why}`);
  process.exit(1);
};
/** A module's imports (module, name, kind, least size or type) and whether it has a start
 * function, read from its binary. */
function importsAndStart(bytes, file) {
  let at;
  const number = () => {
    let value;
    [value, at] = leb(bytes, at);
    return value;
  };
  const name = () => {
    const length = number();
    return Buffer.from(bytes.subarray(at, (at += length))).toString('utf8');
  };
  const limits = () => {
    const flags = bytes[at++];
    const least = number();
    if (flags & 1) number();
    return least;
  };
  const imported = [];
  let start = false;
  for (const section of sections(bytes, file)) {
    if (section.id === 8) start = true;
    if (section.id !== 2) continue;
    at = section.body;
    for (let n = number(); n > 0; n--) {
      const entry = { module: name(), name: name() };
      const kind = bytes[at++];
      if (kind === 0) Object.assign(entry, { kind: 'func', type: number() });
      else if (kind === 1) Object.assign(entry, { kind: 'table', ref: bytes[at++], least: limits() });
      else if (kind === 2) Object.assign(entry, { kind: 'memory', least: limits() });
      else if (kind === 3) Object.assign(entry, { kind: 'global', type: `${bytes[at + 1] ? 'mut ' : ''}${{ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' }[bytes[at]] || 'other'}` }), (at += 2);
      else Object.assign(entry, { kind: `kind ${kind}` });
      imported.push(entry);
      // A kind of import not known here: what follows it cannot be read, and the caller
      // refuses it anyway.
      if (entry.kind.startsWith('kind ')) return { imported, start };
    }
  }
  return { imported, start };
}

const loaderPath = path.join(dir, '__wasm_split.js');
let code = readFileSync(loaderPath, 'utf8');

// `const __chunk_N = makeLoad(() => { …fetch(new URL("./chunk_N.wasm", …)… }\n, []);`
const fetcher = String.raw`makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([\w-]+\.wasm)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\s*,\s*\[([^\]]*)\]\)`;
const chunkRe = new RegExp(String.raw`^const (__chunk_\d+) = ${fetcher};`, 'gm');
const splitRe = new RegExp(String.raw`^export const __wasm_split_load_(\w+?)_\d+ = wrapAsyncCb\(${fetcher}\);`, 'gm');
const list = (deps) => deps.split(',').map((d) => d.trim()).filter(Boolean);
const chunks = new Map(); // __chunk_N -> file
for (const m of code.matchAll(chunkRe)) {
  if (list(m[3]).length) fail(`${m[1]} has dependencies of its own; the loader's shape changed?`);
  chunks.set(m[1], m[2]);
}
const splits = [...code.matchAll(splitRe)].map((m) => ({ name: m[1], file: m[2], deps: list(m[3]) }));
if (!splits.length) fail('no `#[lazy]` function found in the loader; its shape changed?');
const loads = (code.match(/WebAssembly\.instantiateStreaming/g) || []).length;
if (loads !== chunks.size + splits.length) fail(`${loads} loads in the loader, ${chunks.size + splits.length} understood; its shape changed?`);

// Each file to its group.
const groupOf = new Map(); // file -> group name
const last = GROUPS[GROUPS.length - 1][0];
const splitGroup = (name) => (GROUPS.find(([, names]) => names.includes(name)) || [last])[0];
const ordered = [...splits].sort((a, b) => GROUPS.findIndex(([g]) => g === splitGroup(a.name)) - GROUPS.findIndex(([g]) => g === splitGroup(b.name)));
for (const split of ordered) {
  const group = splitGroup(split.name);
  groupOf.set(split.file, group);
  for (const dep of split.deps) {
    if (!chunks.has(dep)) fail(`${split.name} needs ${dep}, which the loader does not define`);
    if (!groupOf.has(chunks.get(dep))) groupOf.set(chunks.get(dep), group);
  }
}
for (const file of chunks.values()) if (!groupOf.has(file)) groupOf.set(file, last);

// The three shared imports, as large as the largest any chunk asks for.
const imports = { memory: 0, table: 0 };
const members = new Map(); // group -> files
for (const [file, group] of groupOf) {
  members.set(group, [...(members.get(group) || []), file]);
  const { imported, start } = importsAndStart(readFileSync(path.join(dir, file)), file);
  for (const i of imported) {
    const known = i.module === '__wasm_split' && ({ memory: 'memory', __indirect_function_table: 'table', __wasm_split_shared0: 'global' })[i.name];
    if (known !== i.kind) fail(`${file} imports something else than __wasm_split's memory, table and stack pointer: ${i.module}.${i.name}`);
    if (i.kind === 'memory') imports.memory = Math.max(imports.memory, i.least);
    if (i.kind === 'table') imports.table = Math.max(imports.table, i.least);
    if (i.kind === 'global' && i.type !== 'mut i32') fail(`${file}: __wasm_split_shared0 is ${i.type}`);
  }
  if (start) fail(`${file} has a start function: it could not be instantiated early`);
}
const hub = path.join(dir, 'hub.wat');
writeFileSync(
  hub,
  `(module
 (import "split" "memory" (memory $memory ${imports.memory}))
 (import "split" "__indirect_function_table" (table $table ${imports.table} funcref))
 (import "split" "__wasm_split_shared0" (global $stack (mut i32)))
 (export "memory" (memory $memory))
 (export "__indirect_function_table" (table $table))
 (export "__wasm_split_shared0" (global $stack))
)
`,
);
const groupFile = (group) => `split_${group}.wasm`;
for (const [group, files] of members) {
  const inputs = files.flatMap((f) => [path.join(dir, f), f.replace(/\.wasm$/, '')]);
  execFileSync('wasm-merge', [hub, '__wasm_split', ...inputs, '-o', path.join(dir, groupFile(group)), ...FEATURES], { stdio: 'inherit' });
  // The features, in the file, for the wasm-opt that follows (wasm-merge writes none).
  execFileSync('wasm-opt', [path.join(dir, groupFile(group)), ...FEATURES, '--emit-target-features', '-o', path.join(dir, groupFile(group))], { stdio: 'inherit' });
  for (const f of files) unlinkSync(path.join(dir, f));
}
unlinkSync(hub);

// The loader: one load per group, in place of the chunks' loads; a `#[lazy]` function waits for
// its group and the groups of the chunks it needs.
const groupLoad = (group) => `__group_${group}`;
const groupLoads = [...members.keys()]
  .map(
    (group) => `const ${groupLoad(group)} = makeLoad(() => {
    const src = fetch(new URL("./${groupFile(group)}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, { split: imports.__wasm_split }));
}
, []);
`,
  )
  .join('');
const firstChunk = code.search(/^const __chunk_\d+ = /m);
if (firstChunk < 0) fail('no chunk to group');
code = code.slice(0, firstChunk) + groupLoads + code.slice(firstChunk).replace(chunkRe, '');
code = code.replace(splitRe, (whole, name, file, deps) => {
  const waits = [...new Set([groupLoad(groupOf.get(file)), ...list(deps).map((d) => groupLoad(groupOf.get(chunks.get(d))))])];
  return whole.slice(0, whole.indexOf('wrapAsyncCb(')) + `wrapAsyncCb(makeLoad(() => async () => {}, [${waits.join(', ')}]));`;
});
writeFileSync(loaderPath, code);
console.error(
  `wasm-split group: ${chunks.size + splits.length} chunks in ${members.size} files: ` +
    [...members].map(([g, fs]) => `${g} ${fs.length}`).join(', '),
);
