#!/usr/bin/env node
// Second half of scripts/size-breakdown.sh: reads twiggy's figures for the wasm built with its
// function names, sorts every byte into a group (a crate, or a module of Bia), prints the tables
// and writes the full data as JSON. Run it through the shell script, which builds its inputs:
//
//   node scripts/size-breakdown.mjs --named X.wasm --shipped Y.wasm --shipped-gzip N \
//        [--pre Z.wasm] --twiggy PATH --src src --out bench-results/size-breakdown.json \
//        [--dist-wasm F --dist-gzip N] [--chunks TSV] [--note S]
//
// Everything is read from the names the compiler gives (v0 mangling, so a generic function's name
// carries the types it was made for); nothing is measured by rebuilding.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

// ---- arguments --------------------------------------------------------------------------------
const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i];
  if (!k.startsWith('--') || i + 1 >= process.argv.length) fail(`bad argument ${k}`);
  args[k.slice(2)] = process.argv[i + 1];
}
for (const k of ['named', 'shipped', 'shipped-gzip', 'twiggy', 'src', 'out']) {
  if (!args[k]) fail(`missing --${k}`);
}
function fail(msg) {
  console.error(`[size-breakdown] ERROR: ${msg}`);
  process.exit(1);
}

const twiggy = (...a) => {
  try {
    return execFileSync(args.twiggy, a, { maxBuffer: 1 << 30, encoding: 'utf8' });
  } catch (e) {
    fail(`twiggy ${a[0]} failed: ${e.stderr || e.message}`);
  }
};

// ---- names ------------------------------------------------------------------------------------
// rustc-demangle (in wasm-bindgen) prints v0 names with crate disambiguators: core[c5930c85]::fmt.
const clean = (n) =>
  n
    .replace(/(?<=\w)\[[0-9a-f]{6,16}\]/g, '')
    .replace(/::h[0-9a-f]{16}$/, '')
    // Functions binaryen made out of others keep the original name behind a prefix.
    .replace(/^(?:byn[$-][^$]*\$)+/, '');

// Shorter display: inner generic arguments folded to …, a few std paths shortened.
function short(name, max = 150) {
  let n = clean(name)
    .replace(/\balloc::(vec::Vec|string::String|boxed::Box|sync::Arc|rc::Rc)\b/g, (_, p) => p.split('::')[1])
    .replace(/\bcore::option::Option\b/g, 'Option')
    .replace(/\bcore::result::Result\b/g, 'Result');
  const keep = n.startsWith('<') ? 2 : 1;
  let out = '';
  let depth = 0;
  for (const ch of n) {
    if (ch === '<') {
      depth++;
      if (depth <= keep) out += ch;
      else if (depth === keep + 1) out += '…';
    } else if (ch === '>' && depth > 0) {
      if (depth <= keep) out += ch;
      depth--;
    } else if (depth <= keep) out += ch;
  }
  return out.length > max ? out.slice(0, max - 1) + '…' : out;
}

// The crates a name mentions, in order: every path start `ident::` not preceded by `::`.
const crateTokens = (n) => [...n.matchAll(/(?<![\w:])([a-z_][a-z0-9_]*)::/g)].map((m) => m[1]);
const STDLIKE = new Set(['core', 'alloc', 'std', '__rustc', 'compiler_builtins']);

// `<Self as Trait>::method` -> { self, trait }; `<Type>::method` -> { self }; a path -> {}.
function implParts(n) {
  if (!n.startsWith('<')) return {};
  let depth = 0;
  for (let i = 0; i < n.length; i++) {
    const c = n[i];
    if (c === '<') depth++;
    else if (c === '>') {
      depth--;
      if (depth === 0) return { self: n.slice(1, i) };
    } else if (depth === 1 && n.startsWith(' as ', i)) {
      let d = 1;
      let j = i + 4;
      for (; j < n.length && d > 0; j++) {
        if (n[j] === '<') d++;
        else if (n[j] === '>') d--;
      }
      return { self: n.slice(1, i), trait: n.slice(i + 4, j - 1) };
    }
  }
  return {};
}
const firstCrate = (s) => (s ? crateTokens(s)[0] : undefined);

// Which source file of Bia a path points at: bia::ui::history -> "bia::ui::history";
// an item of src/ui/mod.rs (bia::ui::Notice) -> "bia::ui (mod.rs)".
const srcFiles = {};
for (const dir of ['ui', 'core', 'browser']) {
  try {
    srcFiles[dir] = new Set(
      readdirSync(`${args.src}/${dir}`)
        .filter((f) => f.endsWith('.rs') && f !== 'mod.rs')
        .map((f) => f.slice(0, -3)),
    );
  } catch {
    srcFiles[dir] = new Set();
  }
}
function biaModule(n) {
  const m = /(?<![\w:])bia::(\w+)(?:::(\w+))?/.exec(n);
  if (!m) return undefined;
  const [, dir, file] = m;
  if (srcFiles[dir]) return file && srcFiles[dir].has(file) ? `bia::${dir}::${file}` : `bia::${dir} (mod.rs)`;
  return dir === 'main' ? 'bia::main (main.rs)' : 'bia (lib.rs)';
}

const FLOAT_FMT =
  /^core::fmt::float::|^core::num::flt2dec::|^core::num::fmt::|^<core::num::fmt::|^<core::fmt::Formatter>::(pad|write)_formatted_parts|^<f(32|64) as core::fmt::(Display|Debug|LowerExp|UpperExp)>::fmt|^<f(32|64) as alloc::string::ToString>::to_string|^<f(32|64)>::classify/;
const LIBM = /^compiler_builtins::math::|^(sin|cos|tan|exp|log|pow|fmod|fmin|fmax|round|roundf|floor|ceil|trunc|sqrt|atan2?|sinf|cosf|powf|expf|logf)$/;
const C_SYMBOLS = /^(mem(cpy|move|set|cmp)|bcmp|__(multi3|[iu]?(div|mod)ti3|udivmodti4|ashlti3|ashrti3|lshrti3|mulodi4|muloti4|floatuntidf|fixunsdfti))$/;
const CRATE_GROUP = {
  leptos: 'leptos',
  leptos_dom: 'leptos',
  leptos_macro: 'leptos',
  leptos_config: 'leptos',
  leptos_server: 'leptos',
  tachys: 'tachys',
  reactive_graph: 'reactive_graph',
  reactive_stores: 'reactive_graph',
  serde_json: 'serde_json',
  serde_core: 'serde',
  serde: 'serde',
  zmij: 'zmij (serde_json\u2019s float printing)',
  ryu: 'ryu (serde_json\u2019s float printing)',
  wasm_bindgen: 'wasm_bindgen',
  wasm_bindgen_futures: 'wasm_bindgen',
  js_sys: 'js_sys',
  web_sys: 'web_sys',
  std: 'std',
  __rustc: 'std',
  dlmalloc: 'dlmalloc (the allocator)',
  compiler_builtins: 'compiler_builtins',
  alloc: 'alloc',
};
const GENERIC_FAMILY = (crate) =>
  ['leptos', 'leptos_dom', 'tachys', 'reactive_graph', 'either_of', 'any_spawner'].includes(crate)
    ? 'leptos/tachys/reactive_graph generics for bia views'
    : ['core', 'alloc', 'std', 'hashbrown', 'indexmap'].includes(crate)
      ? 'core/alloc generics for bia types (drop, Vec, sort)'
      : ['wasm_bindgen', 'js_sys', 'web_sys', 'gloo_timers', 'send_wrapper'].includes(crate)
        ? 'wasm_bindgen/js_sys/web_sys generics for bia closures'
        : 'other crates\u2019 generics for bia types';

// Returns { group, kind } for one twiggy item. kind: 'names' (excluded from the total), 'data',
// 'bia-own', 'bia-generic', 'serde-bia-derive', 'serde-bia-generic', 'float', 'other'.
function classify(raw) {
  const n = clean(raw);
  if (/ subsection$/.test(n) || /^custom section 'name'/.test(n)) return { group: '(name section)', kind: 'names' };
  if (/^data\[\d+\]$|^data segment /.test(n)) return { group: 'data segments', kind: 'data' };
  if (/^import /.test(n)) return { group: 'wasm structure: imports (JS functions called)', kind: 'other' };
  if (/^export /.test(n)) return { group: 'wasm structure: exports', kind: 'other' };
  if (/^(type|table|memory|global|elem)\[\d+\]|section headers$|^custom section |^wasm magic bytes$/.test(n))
    return { group: 'wasm structure: types, table, elem, custom sections, headers', kind: 'other' };
  if (/ externref shim$|^Closure\(|^__wbindgen|^__wbg_|^__externref_|^__instance_terminated$|^__abort_handler$/.test(n))
    return { group: 'wasm_bindgen', kind: 'other' };
  if (/^(__wbg_)?intounderlying/.test(n)) return { group: 'wasm_streams', kind: 'other' };
  if (/^code\[\d+\]$/.test(n)) return { group: 'unnamed functions', kind: 'other' };
  if (FLOAT_FMT.test(n)) return { group: 'core::fmt float formatting (flt2dec, dragon, grisu)', kind: 'float' };
  if (LIBM.test(n)) return { group: 'compiler_builtins libm (sin, cos, rem_pio2, ...)', kind: 'other' };
  if (C_SYMBOLS.test(n)) return { group: 'compiler_builtins', kind: 'other' };
  if (n === 'main') return { group: 'std', kind: 'other' };

  const { self, trait } = implParts(n);
  const lead = firstCrate(self) ?? firstCrate(trait) ?? firstCrate(n);
  const traitCrate = firstCrate(trait);
  const mod = biaModule(n);
  if (mod) {
    const serdeCrates = ['serde_core', 'serde', 'serde_json'];
    if (serdeCrates.includes(lead) || serdeCrates.includes(traitCrate)) {
      return lead === 'bia'
        ? { group: 'serde derives for bia types (the derived impls)', kind: 'serde-bia-derive', mod }
        : { group: 'serde + serde_json code instantiated for bia types', kind: 'serde-bia-generic', mod, lead };
    }
    const own = lead === 'bia' && (!traitCrate || ['bia', 'core', 'alloc', 'std'].includes(traitCrate));
    return { group: mod, kind: own ? 'bia-own' : 'bia-generic', mod, lead: lead === 'bia' ? traitCrate : lead };
  }
  const toks = crateTokens(n);
  const crate = toks.find((t) => !STDLIKE.has(t)) ?? lead ?? toks[0];
  if (crate === undefined) {
    // Inherent methods of primitive types (<char>::escape_debug_ext, <u64>::_fmt) are in core.
    if (/^<[^>]*>::_fmt$/.test(n)) return { group: 'core::fmt (integers, strings, Debug, write)', kind: 'other' };
    if (/^<(bool|char|str|[iu](8|16|32|64|128|size)|f32|f64|\[.*\]|\(.*\))>::/.test(n)) return { group: 'core (other)', kind: 'other' };
    return { group: 'other (unclassified names)', kind: 'other' };
  }
  if (crate === 'core') {
    return /core::fmt::/.test(n)
      ? { group: 'core::fmt (integers, strings, Debug, write)', kind: 'other' }
      : { group: 'core (other)', kind: 'other' };
  }
  return { group: CRATE_GROUP[crate] ?? crate, kind: 'other' };
}

// ---- the wasm file itself: sections, data segments, elements, code -------------------------------
function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [result, pos];
  }
}
function sleb(buf, pos) {
  let result = 0n;
  let shift = 0n;
  let b;
  do {
    b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80);
  if (b & 0x40) result -= 1n << shift;
  return [result, pos];
}
function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) fail('not a wasm file');
  const out = [];
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    let name;
    if (id === 0) {
      const [len, p] = leb(buf, start);
      name = buf.toString('utf8', p, p + len);
    }
    out.push({ id, name, start, end: start + size, total: start + size - pos });
    pos = start + size;
  }
  return out;
}
function skipConstExpr(buf, pos) {
  // i32.const / i64.const / global.get / ref.func / ref.null, then end (0x0b).
  while (buf[pos] !== 0x0b) {
    const op = buf[pos++];
    if (op === 0x41 || op === 0x42) [, pos] = sleb(buf, pos);
    else if (op === 0x23 || op === 0xd2) [, pos] = leb(buf, pos);
    else if (op === 0xd0) pos++;
    else return -1;
  }
  return pos + 1;
}
function constExprValue(buf, pos) {
  return buf[pos] === 0x41 ? Number(sleb(buf, pos + 1)[0]) : undefined;
}
function dataSegments(buf, secs) {
  const s = secs.find((x) => x.id === 11);
  if (!s) return [];
  let [count, pos] = leb(buf, s.start);
  const segs = [];
  for (let i = 0; i < count; i++) {
    let flags;
    [flags, pos] = leb(buf, pos);
    if (flags === 2) [, pos] = leb(buf, pos);
    if (flags !== 1) pos = skipConstExpr(buf, pos);
    if (pos < 0) return segs;
    let len;
    [len, pos] = leb(buf, pos);
    segs.push(buf.subarray(pos, pos + len));
    pos += len;
  }
  return segs;
}
// Function names (name section, subsection 1) by function index.
function functionNames(buf, secs) {
  const s = secs.find((x) => x.id === 0 && x.name === 'name');
  const names = new Map();
  if (!s) return names;
  let [len, pos] = leb(buf, s.start);
  pos += len;
  while (pos < s.end) {
    const id = buf[pos];
    const [size, p] = leb(buf, pos + 1);
    if (id === 1) {
      let [count, q] = leb(buf, p);
      for (let i = 0; i < count; i++) {
        let idx;
        let l;
        [idx, q] = leb(buf, q);
        [l, q] = leb(buf, q);
        names.set(idx, buf.toString('utf8', q, q + l));
        q += l;
      }
    }
    pos = p + size;
  }
  return names;
}
// Table slot -> function index, from active element segments (what a Rust fn pointer is).
function tableSlots(buf, secs) {
  const s = secs.find((x) => x.id === 9);
  const slots = new Map();
  if (!s) return slots;
  let [count, pos] = leb(buf, s.start);
  for (let i = 0; i < count; i++) {
    let flags;
    [flags, pos] = leb(buf, pos);
    let offset;
    if (flags === 2 || flags === 6) [, pos] = leb(buf, pos);
    if ((flags & 1) === 0) {
      offset = constExprValue(buf, pos);
      pos = skipConstExpr(buf, pos);
    }
    if (flags & 3 && !(flags & 4)) pos++; // elemkind
    if (flags === 2 || flags === 6) {
      if (flags === 6) pos++; // reftype
    } else if (flags & 4 && flags & 1) pos++;
    let n;
    [n, pos] = leb(buf, pos);
    for (let j = 0; j < n; j++) {
      let f;
      if (flags & 4) {
        if (buf[pos] !== 0xd2) return slots;
        [f, pos] = leb(buf, pos + 1);
        pos++; // end
      } else [f, pos] = leb(buf, pos);
      if (offset !== undefined) slots.set(offset + j, f);
    }
  }
  return slots;
}
// One pass over the code: for each defined function, the i32 constants it stores to memory right
// away (`i32.const K; i32.store`, which is how Rust code writes a function pointer, i.e. a table
// slot, such as the formatter of a `{}` argument), and its direct calls. Returns
// { imported, stores: Map(func -> Set(K)), calls: Map(callee -> Map(caller -> count)) }, or
// null if an instruction could not be decoded.
function scanCode(buf, secs) {
  const imp = secs.find((x) => x.id === 2);
  let importedFuncs = 0;
  if (imp) {
    let [count, pos] = leb(buf, imp.start);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 2; k++) {
        let l;
        [l, pos] = leb(buf, pos);
        pos += l;
      }
      const kind = buf[pos++];
      if (kind === 0) {
        importedFuncs++;
        [, pos] = leb(buf, pos);
      } else if (kind === 1) {
        pos++;
        const fl = buf[pos++];
        [, pos] = leb(buf, pos);
        if (fl & 1) [, pos] = leb(buf, pos);
      } else if (kind === 2) {
        const fl = buf[pos++];
        [, pos] = leb(buf, pos);
        if (fl & 1) [, pos] = leb(buf, pos);
      } else if (kind === 3) pos += 2;
      else if (kind === 4) pos += 2;
    }
  }
  const code = secs.find((x) => x.id === 10);
  const out = new Map();
  const calls = new Map();
  if (!code) return { imported: importedFuncs, stores: out, calls };
  let [count, pos] = leb(buf, code.start);
  for (let f = 0; f < count; f++) {
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    let p = pos;
    let nloc;
    [nloc, p] = leb(buf, p);
    for (let i = 0; i < nloc; i++) {
      [, p] = leb(buf, p);
      p++;
    }
    const found = new Set();
    let lastConst;
    while (p < end) {
      const op = buf[p++];
      let constNow;
      if (op === 0x41) {
        let v;
        [v, p] = sleb(buf, p);
        constNow = Number(v);
      } else if (op === 0x36 && lastConst !== undefined) {
        found.add(lastConst);
        [, p] = leb(buf, p);
        [, p] = leb(buf, p);
      } else if (op === 0x02 || op === 0x03 || op === 0x04) {
        if (buf[p] === 0x40 || (buf[p] >= 0x6f && buf[p] <= 0x7f)) p++;
        else [, p] = sleb(buf, p);
      } else if (op === 0x10) {
        let callee;
        [callee, p] = leb(buf, p);
        const caller = importedFuncs + f;
        if (!calls.has(callee)) calls.set(callee, new Map());
        const m = calls.get(callee);
        m.set(caller, (m.get(caller) ?? 0) + 1);
      } else if (op === 0x0c || op === 0x0d || op === 0xd2 || (op >= 0x20 && op <= 0x26)) {
        [, p] = leb(buf, p);
      } else if (op === 0x0e) {
        let n;
        [n, p] = leb(buf, p);
        for (let i = 0; i <= n; i++) [, p] = leb(buf, p);
      } else if (op === 0x11) {
        [, p] = leb(buf, p);
        [, p] = leb(buf, p);
      } else if (op === 0x1c) {
        let n;
        [n, p] = leb(buf, p);
        p += n;
      } else if (op >= 0x28 && op <= 0x3e) {
        [, p] = leb(buf, p);
        [, p] = leb(buf, p);
      } else if (op === 0x3f || op === 0x40 || op === 0xd0) p++;
      else if (op === 0x42) [, p] = sleb(buf, p);
      else if (op === 0x43) p += 4;
      else if (op === 0x44) p += 8;
      else if (op === 0xfc) {
        let sub;
        [sub, p] = leb(buf, p);
        if (sub <= 7) {
          /* saturating truncations */
        } else if (sub === 8) {
          [, p] = leb(buf, p);
          p++;
        } else if (sub === 10) p += 2;
        else if (sub === 11) p++;
        else if (sub === 12 || sub === 14) {
          [, p] = leb(buf, p);
          [, p] = leb(buf, p);
        } else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) [, p] = leb(buf, p);
        else return null;
      } else if (
        op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0b || op === 0x0f ||
        op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1
      ) {
        /* no immediates */
      } else return null;
      lastConst = constNow;
    }
    if (found.size) out.set(importedFuncs + f, found);
    pos = end;
  }
  return { imported: importedFuncs, stores: out, calls };
}

// ---- inputs ----------------------------------------------------------------------------------------
const namedBuf = readFileSync(args.named);
const secs = sections(namedBuf);
const nameSectionBytes = secs.filter((s) => s.id === 0 && s.name === 'name').reduce((a, s) => a + s.total, 0);
const shippedRaw = statSync(args.shipped).size;
const shippedGzip = Number(args['shipped-gzip']);
const shippedSecs = sections(readFileSync(args.shipped));

const top = JSON.parse(twiggy('top', '-n', '100000000', '--format', 'json', args.named));
const domCsv = twiggy('dominators', '--format', 'csv', args.named);
const fnNames = functionNames(namedBuf, secs);
const scan = scanCode(namedBuf, secs);

// ---- (a) groups --------------------------------------------------------------------------------------
// Every twiggy item, classified. A function binaryen made by merging similar functions has no
// name: its bytes are shared out among the functions that call it (the thunks left in place of
// the originals), by number of call sites.
function classifyItems(topJson, sc, names) {
  const out = [];
  for (const t of topJson) {
    const m = /^code\[(\d+)\]$/.exec(t.name);
    const callers = m && sc ? sc.calls.get(Number(m[1]) + sc.imported) : undefined;
    if (!callers || !callers.size) {
      out.push({ name: t.name, size: t.shallow_size, ...classify(t.name) });
      continue;
    }
    const sites = [...callers].map(([f, n]) => ({ name: names.get(f) ?? `code[${f - sc.imported}]`, n }));
    const totalSites = sites.reduce((a, x) => a + x.n, 0);
    let left = t.shallow_size;
    sites.forEach((x, i) => {
      const part = i === sites.length - 1 ? left : Math.floor((t.shallow_size * x.n) / totalSites);
      left -= part;
      const c = /^code\[\d+\]$/.test(x.name) ? classify(t.name) : classify(x.name);
      out.push({ name: `${t.name} (merged by wasm-opt, share of ${clean(x.name)})`, size: part, ...c, merged: true });
    });
  }
  return out;
}
function embeddedJson(buf, bufSecs) {
  const segs = dataSegments(buf, bufSecs);
  const out = [];
  for (const file of ['assets/routine.json', 'assets/text/en.json']) {
    let text;
    try {
      text = readFileSync(`${dirname(args.src)}/${file}`);
    } catch {
      continue;
    }
    const found = segs.some((s) => s.indexOf(text) >= 0);
    out.push({ file, bytes: text.length, found, gzipAlone: gzipSync(text, { level: 9 }).length });
  }
  return out;
}
// Groups: Map(group -> { group, bytes, own, generic, items }); data split into the JSON documents
// found verbatim in the data segments and the rest.
function groupItems(list, embedded) {
  const groups = new Map();
  const add = (group, item) => {
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { group, bytes: 0, own: 0, generic: 0, items: [] }));
    g.bytes += item.size;
    if (item.kind === 'bia-own') g.own += item.size;
    if (item.kind === 'bia-generic') g.generic += item.size;
    g.items.push(item);
  };
  let dataLeft = 0;
  for (const it of list) {
    if (it.kind === 'data') dataLeft += it.size;
    else add(it.group, it);
  }
  for (const e of embedded.filter((e) => e.found)) {
    add(`data: ${e.file} (embedded JSON)`, { name: e.file, size: e.bytes, kind: 'data' });
    dataLeft -= e.bytes;
  }
  add(embedded.some((e) => e.found) ? 'data: other static data (strings, tables, vtables)' : 'data segments', {
    name: 'data segments',
    size: dataLeft,
    kind: 'data',
  });
  return groups;
}

const items = classifyItems(top, scan, fnNames);
const counted = items.filter((i) => i.kind !== 'names');
const total = counted.reduce((a, i) => a + i.size, 0);
const gz = (bytes) => Math.round((bytes / total) * shippedGzip);
const pct = (bytes) => (100 * bytes) / total;
const embedded = embeddedJson(namedBuf, secs);
const groups = groupItems(counted, embedded);
const groupList = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
const mergedBytes = counted.filter((i) => i.merged).reduce((a, i) => a + i.size, 0);

// The same groups in the wasm before wasm-opt (wasm-bindgen's output), where binaryen has not yet
// inlined functions into their callers.
let pre = null;
if (args.pre) {
  const preBuf = readFileSync(args.pre);
  const preSecs = sections(preBuf);
  const preTop = JSON.parse(twiggy('top', '-n', '100000000', '--format', 'json', args.pre));
  const preItems = classifyItems(preTop, scanCode(preBuf, preSecs), functionNames(preBuf, preSecs)).filter(
    (i) => i.kind !== 'names',
  );
  const preGroups = groupItems(preItems, embeddedJson(preBuf, preSecs));
  pre = { total: preItems.reduce((a, i) => a + i.size, 0), groups: preGroups };
}

// Cross-cutting sums (already counted in the groups above).
const sumKind = (pred) => counted.filter(pred).reduce((a, i) => a + i.size, 0);
const cross = [];
const generics = new Map();
for (const it of counted.filter((i) => i.kind === 'bia-generic')) {
  const fam = GENERIC_FAMILY(it.lead);
  generics.set(fam, (generics.get(fam) ?? 0) + it.size);
}
cross.push({ line: 'all of bia::ui::*', bytes: sumKind((i) => i.mod?.startsWith('bia::ui') && i.kind.startsWith('bia')) });
cross.push({ line: 'all of bia::core::*', bytes: sumKind((i) => i.mod?.startsWith('bia::core') && i.kind.startsWith('bia')) });
cross.push({ line: 'all of bia::browser::*', bytes: sumKind((i) => i.mod?.startsWith('bia::browser') && i.kind.startsWith('bia')) });
for (const [fam, bytes] of [...generics].sort((a, b) => b[1] - a[1])) cross.push({ line: fam, bytes });
cross.push({
  line: 'all serde work for bia types (derives + instantiated)',
  bytes: sumKind((i) => i.kind.startsWith('serde-bia')),
});
cross.push({
  line: 'serde, serde_json, zmij, itoa: everything',
  bytes: sumKind((i) => i.kind.startsWith('serde-bia') || /^(serde|serde_json|zmij|ryu|itoa)/.test(i.group)),
});
cross.push({ line: 'core::fmt, all of it (float formatting too)', bytes: sumKind((i) => i.group.startsWith('core::fmt')) });

// ---- (b) dominators ---------------------------------------------------------------------------------
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
const domRows = parseCsv(domCsv);
const hdr = domRows.shift();
const col = (k) => hdr.indexOf(k);
const byId = new Map();
for (const r of domRows) {
  if (!r[col('Id')]) continue;
  byId.set(r[col('Id')], {
    id: r[col('Id')],
    name: r[col('Name')],
    shallow: Number(r[col('ShallowSize')]),
    retained: Number(r[col('RetainedSize')]),
    idom: r[col('ImmediateDominator')],
  });
}
const structural = (n) => n === '<meta root>' || /^(table|elem)\[\d+\]$/.test(n) || classify(n).kind === 'names';
// Twiggy hangs a data segment from a function it sees load a constant address in it: often one
// reader among many of a segment of shared strings. Those bytes are taken out of the retained
// sizes here (they are in table (a)), so that what is listed is code.
for (const d of byId.values()) d.retainedCode = d.retained;
let dataInTree = 0;
for (const d of byId.values()) {
  if (classify(d.name).kind !== 'data') continue;
  let p = byId.get(d.idom);
  const seen = new Set([d.id]);
  if (p && p.id !== d.id) dataInTree += d.shallow;
  while (p && !seen.has(p.id)) {
    p.retainedCode -= d.shallow;
    seen.add(p.id);
    p = byId.get(p.idom);
  }
}
const domTop = [...byId.values()]
  .filter((d) => !structural(d.name) && !/^\[\d+ Unreachable Items\]$/.test(d.name) && classify(d.name).kind !== 'data')
  .sort((a, b) => b.retainedCode - a.retainedCode)
  .slice(0, 40)
  .map((d) => {
    const parent = byId.get(d.idom);
    return {
      name: clean(d.name),
      retained: d.retainedCode,
      retainedWithData: d.retained,
      shallow: d.shallow,
      group: classify(d.name).group,
      dominator: parent && parent.id !== d.id ? clean(parent.name) : null,
    };
  });
const unreachable = [...byId.values()].find((d) => /^\[\d+ Unreachable Items\]$/.test(d.name));

// ---- (c) float formatting ----------------------------------------------------------------------------
const byName = new Set(top.map((t) => t.name));
const floatItems = counted.filter((i) => i.kind === 'float').sort((a, b) => b.size - a.size);
const floatBytes = floatItems.reduce((a, i) => a + i.size, 0);
let floatPaths = [];
let floatIndirect = [];
let floatIndirectNote = null;
if (floatItems.length) {
  // Paths to the entry points (Display/Debug/ToString of f32 and f64; wasm-opt inlines the
  // workers, float_to_decimal_common_*, into them): what calls them, up to the roots.
  let entries = floatItems.filter((i) => / as core::fmt::(Display|Debug|LowerExp|UpperExp)>/.test(clean(i.name)));
  if (!entries.length) entries = floatItems.filter((i) => / as alloc::string::ToString>/.test(clean(i.name)));
  const workers = floatItems.filter((i) => /float_to_decimal/.test(clean(i.name)));
  const roots = (entries.length ? entries : workers.length ? workers : floatItems.slice(0, 1)).map((i) => i.name);
  floatPaths = JSON.parse(twiggy('paths', args.named, ...roots, '-d', '10', '-r', '12', '--format', 'json'));
  // Twiggy cannot follow a function pointer: a `{}` of an f64 puts `<f64 as Display>::fmt` in the
  // table, and the path stops at elem[0]. Find the functions that store that table slot instead.
  const slots = tableSlots(namedBuf, secs);
  const stores = scan?.stores ?? null;
  if (stores === null) floatIndirectNote = 'could not decode the code section (an unknown instruction); skipped';
  else {
    // The float functions themselves, and every function on the paths above that is called
    // through the table (its caller in the path is elem[N]).
    const viaTable = new Set();
    const walk = (node) => {
      for (const c of node.callers ?? []) {
        if (/^elem\[\d+\]$/.test(c.name)) viaTable.add(node.name);
        walk(c);
      }
    };
    floatPaths.forEach(walk);
    for (const [slot, f] of slots) {
      const fname = fnNames.get(f);
      if (!fname || !(viaTable.has(fname) || FLOAT_FMT.test(clean(fname)))) continue;
      const users = [...stores].filter(([, ks]) => ks.has(slot)).map(([g]) => fnNames.get(g) ?? `func[${g}]`);
      floatIndirect.push({ function: clean(fname), tableSlot: slot, storedBy: users.map(clean), raw: users });
    }
  }
}
function flattenPaths(node, depth, out) {
  // elem[N] <- table[N] says "called through the function table"; that is all it says.
  const viaTable = /^elem\[\d+\]$/.test(node.name);
  out.push({ depth, name: viaTable ? '(the function table: a fn pointer, closure or trait object)' : clean(node.name), size: node.shallow_size });
  if (!viaTable) for (const c of node.callers ?? []) flattenPaths(c, depth + 1, out);
  return out;
}

// ---- output ------------------------------------------------------------------------------------------
const fmtB = (n) => n.toLocaleString('en-US');
const lines = [];
const say = (s = '') => lines.push(s);
const W = 62;
const pad = (s, w) => (s.length > w ? s.slice(0, w - 1) + '…' : s.padEnd(w));
const num = (n, w) => String(fmtB(n)).padStart(w);

say('How each byte is counted:');
for (const r of RULES_TEXT()) say(`  ${r}`);
say();
say('== Sizes ==');
say(`shipped-equivalent wasm (wasm-opt -Oz, no names): ${fmtB(shippedRaw)} B raw, ${fmtB(shippedGzip)} B gzip -9`);
if (args['dist-wasm']) {
  const d = statSync(args['dist-wasm']).size;
  const dg = Number(args['dist-gzip']);
  const rel = (a, b) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(2)} %`;
  say(`${args['dist-wasm']} (the last Trunk build, maybe of other code): ${fmtB(d)} B raw, ${fmtB(dg)} B gzip -9`);
  say(`  shipped-equivalent against it: ${rel(shippedRaw, d)} raw, ${rel(shippedGzip, dg)} gzip`);
} else say('no dist/bia-*_bg.wasm to compare with (`trunk build --release` makes one)');
say(
  `analysed wasm (wasm-opt -Oz -g): ${fmtB(namedBuf.length)} B = ${fmtB(total)} B counted + ${fmtB(nameSectionBytes)} B name section (not counted)`,
);
const diff = total - shippedRaw;
say(
  `counted vs shipped: ${diff >= 0 ? '+' : ''}${fmtB(diff)} B (${((diff / shippedRaw) * 100).toFixed(2)} %)` +
    (Math.abs(diff / shippedRaw) > 0.03 ? '  <- more than 3 %: the figures below do not match the shipped build well' : ''),
);
const shippedCustom = shippedSecs.filter((s) => s.id === 0).map((s) => `${s.name} ${s.total} B`);
if (shippedCustom.length) say(`custom sections left in the shipped-equivalent wasm: ${shippedCustom.join(', ')}`);
const chunks = args.chunks
  ? readFileSync(args.chunks, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [file, raw, gzip] = l.split('\t');
        return { file, raw: Number(raw), gzip: Number(gzip) };
      })
  : [];
if (chunks.length) {
  const sum = (k) => chunks.reduce((a, c) => a + c[k], 0);
  say(`lazily loaded wasm chunks (split out by wasm-split, fetched when first used; not in the breakdown below):`);
  const w = Math.max(...chunks.map((c) => c.file.length), 10);
  for (const c of chunks) say(`  ${c.file.padEnd(w)} ${num(c.raw, 8)} B raw ${num(c.gzip, 8)} B gzip -9`);
  if (chunks.length > 1) say(`  ${'all chunks'.padEnd(w)} ${num(sum('raw'), 8)} B raw ${num(sum('gzip'), 8)} B gzip -9`);
}
if (args.note) say(args.note);
say();
say(`== (a) Where the bytes go, by crate and by Bia module (total ${fmtB(total)} B = 100 %) ==`);
say('gzip column: the whole file\u2019s gzip apportioned by raw share (an estimate: JSON and strings');
say('compress better than code, so data is overstated there and code a little understated).');
say('bia lines: own = the module\u2019s functions and std-trait impls on its types; generic = code of');
say('another crate (tachys Render for a view closure, reactive_graph memo/effect, drop glue, Vec, ...)');
say('made for a type or closure of that module. LTO inlines closure bodies into that code, so the');
say('two columns are indicative; their sum is what the module costs.');
say();
if (pre) {
  say(`pre-opt column: the same group in the wasm before wasm-opt (${fmtB(pre.total)} B counted). wasm-opt inlines`);
  say('functions into their callers (a screen into the router closure of App, App into main), so');
  say('bytes move between groups; where the two columns differ much, read both.');
}
say(`${pad('group', W)} ${'raw B'.padStart(8)} ${'%'.padStart(6)} ${'~gzip B'.padStart(8)}${pre ? ' pre-opt B'.padStart(10) : ''}   own / generic`);
const preOf = (g) => (pre ? num(pre.groups.get(g)?.bytes ?? 0, 10) : '');
let shownMin = Math.max(150, total * 0.001);
let rest = { n: 0, bytes: 0, pre: 0 };
for (const g of groupList) {
  if (g.bytes < shownMin && !g.group.startsWith('bia')) {
    rest.n++;
    rest.bytes += g.bytes;
    rest.pre += pre?.groups.get(g.group)?.bytes ?? 0;
    continue;
  }
  const split = g.own || g.generic ? `   ${fmtB(g.own)} / ${fmtB(g.generic)}` : '';
  say(`${pad(g.group, W)} ${num(g.bytes, 8)} ${pct(g.bytes).toFixed(1).padStart(6)} ${num(gz(g.bytes), 8)}${preOf(g.group)}${split}`);
}
if (rest.n)
  say(`${pad(`${rest.n} smaller groups (each < ${fmtB(Math.round(shownMin))} B; see the JSON)`, W)} ${num(rest.bytes, 8)} ${pct(rest.bytes).toFixed(1).padStart(6)} ${num(gz(rest.bytes), 8)}${pre ? num(rest.pre, 10) : ''}`);
say(`${pad('total', W)} ${num(total, 8)} ${'100.0'.padStart(6)} ${num(shippedGzip, 8)}${pre ? num(pre.total, 10) : ''}`);
if (pre) {
  const only = [...pre.groups.values()].filter((g) => !groups.has(g.group) && g.bytes >= shownMin);
  if (only.length) say(`(only before wasm-opt: ${only.map((g) => `${g.group} ${fmtB(g.bytes)} B`).join(', ')})`);
}
if (mergedBytes) say(`(${fmtB(mergedBytes)} B of functions wasm-opt merged are shared out among their callers, see the rules)`);
say();
say('Across groups (already counted above):');
for (const c of cross) say(`  ${pad(c.line, W - 2)} ${num(c.bytes, 8)} ${pct(c.bytes).toFixed(1).padStart(6)} ${num(gz(c.bytes), 8)}`);
for (const e of embedded)
  say(
    `  ${e.file}: ${fmtB(e.bytes)} B, ${e.found ? 'found in the data segments' : 'NOT found verbatim in the data segments'}; ${fmtB(e.gzipAlone)} B gzipped on its own`,
  );
say();
say('== Largest single items (shallow size) ==');
for (const it of [...counted].sort((a, b) => b.size - a.size).slice(0, 15))
  say(`${num(it.size, 7)}  ${short(it.name, 140)}`);
say();
say('== (b) Top 40 by retained size (twiggy dominators: what would go if this item went) ==');
say('Items reached only through the function table (closures, trait objects) are dominated by');
say(`elem[0], left out here with the table itself.${unreachable ? ` ${unreachable.name.slice(1, -1)}: ${fmtB(unreachable.retained)} B (the data segments: twiggy does not see code pointing into them).` : ''}`);
say('[dominated by]: the item it hangs from; <meta root> when it is reached from more than one root.');
say('code[N]: a function wasm-opt made by merging similar ones (it has no name).');
if (dataInTree)
  say(`retained = code only: the ${fmtB(dataInTree)} B of data segments twiggy hangs from some reader are left out.`);
say(`${'retained'.padStart(8)} ${'shallow'.padStart(7)}  item  [dominated by]`);
for (const d of domTop)
  say(`${num(d.retained, 8)} ${num(d.shallow, 7)}  ${short(d.name, 110)}${d.dominator ? `  [${short(d.dominator, 50)}]` : ''}`);
say();
say('== (c) Float formatting (core::fmt::float, flt2dec: dragon, grisu) ==');
if (!floatItems.length) say('linked: no');
else {
  say(`linked: YES, ${fmtB(floatBytes)} B raw (~${fmtB(gz(floatBytes))} B gzip) in ${floatItems.length} functions:`);
  for (const it of floatItems.slice(0, 12)) say(`  ${num(it.size, 6)}  ${short(it.name, 100)}`);
  say('what calls it (twiggy paths, callers indented under what they call):');
  let prev = null;
  for (const p of floatPaths) {
    const callers = JSON.stringify(p.callers ?? []);
    if (callers === prev) {
      say(`  ${short(clean(p.name), 130)}`);
      say('    <- (the same callers as the one above)');
      continue;
    }
    prev = callers;
    for (const row of flattenPaths(p, 0, []))
      say(`  ${'  '.repeat(row.depth)}${row.depth ? '<- ' : ''}${short(row.name, 170 - 2 * row.depth)}`);
  }
  if (floatIndirectNote) say(`through the function table: ${floatIndirectNote}`);
  let prevUsers = null;
  for (const fi of floatIndirect) {
    say(`through the function table: ${short(fi.function, 120)} (table slot ${fi.tableSlot}) is stored by:`);
    const users = JSON.stringify(fi.raw);
    if (users === prevUsers) {
      say('    (the same functions as the one above)');
      continue;
    }
    prevUsers = users;
    if (!fi.storedBy.length) say('    (no function stores that slot as a constant: reached through a vtable in data)');
    for (const u of fi.raw.slice(0, 12)) {
      say(`    ${short(clean(u), 130)}`);
      // One step further up: what calls the function that stores the slot.
      if (fi.raw.length > 4 || clean(u).startsWith('bia::') || !byName.has(u)) continue;
      const up = JSON.parse(twiggy('paths', args.named, u, '-d', '4', '-r', '4', '--format', 'json'));
      for (const p of up)
        for (const row of flattenPaths(p, 0, []).slice(1))
          say(`    ${'  '.repeat(row.depth)}<- ${short(row.name, 126 - 2 * row.depth)}`);
    }
    if (fi.storedBy.length > 12) say(`    ... ${fi.storedBy.length - 12} more (see the JSON)`);
  }
  say('(a function listed as storing the slot may be a false positive: any `i32.const K; i32.store`');
  say('of the same number counts.)');
}

console.log(lines.join('\n'));

mkdirSync(dirname(args.out), { recursive: true });
const report = {
  generated: new Date().toISOString(),
  note: args.note ?? null,
  method: {
    build: 'cargo build --release --target wasm32-unknown-unknown --bin bia with the profile and rustflags of the release build, plus CARGO_PROFILE_RELEASE_STRIP=none and -Csymbol-mangling-version=v0 (keeps the function names, with generic arguments); wasm-bindgen --target web; wasm-opt -Oz -g',
    gzipEstimate: 'gzip -9 of the shipped-equivalent file, apportioned by raw share',
    rules: RULES_TEXT(),
  },
  sizes: {
    shippedRaw,
    shippedGzip,
    analysedRaw: namedBuf.length,
    nameSection: nameSectionBytes,
    counted: total,
    preOptCounted: pre?.total,
    countedMinusShipped: diff,
    lazyChunks: chunks,
    distWasm: args['dist-wasm'] ? { file: args['dist-wasm'], raw: statSync(args['dist-wasm']).size } : null,
  },
  groups: groupList.map((g) => ({
    group: g.group,
    bytes: g.bytes,
    percent: +pct(g.bytes).toFixed(3),
    gzipEstimate: gz(g.bytes),
    preOpt: pre ? pre.groups.get(g.group)?.bytes ?? 0 : undefined,
    own: g.own || undefined,
    generic: g.generic || undefined,
    items: g.items.sort((a, b) => b.size - a.size).map((i) => ({ name: clean(i.name), bytes: i.size, kind: i.kind })),
  })),
  across: cross.map((c) => ({ ...c, percent: +pct(c.bytes).toFixed(3), gzipEstimate: gz(c.bytes) })),
  embeddedJson: embedded,
  dominatorsTop40: domTop,
  unreachable: unreachable ? { name: unreachable.name, bytes: unreachable.retained } : null,
  floatFormatting: {
    linked: floatItems.length > 0,
    bytes: floatBytes,
    functions: floatItems.map((i) => ({ name: clean(i.name), bytes: i.size })),
    paths: floatPaths.map((p) => flattenPaths(p, 0, [])),
    throughTable: floatIndirect.map(({ raw, ...rest }) => rest),
    throughTableNote: floatIndirectNote,
  },
};
writeFileSync(args.out, JSON.stringify(report, null, 1) + '\n');
console.log(`\nfull data: ${args.out}`);

function RULES_TEXT() {
  return [
    'Every byte of the file is counted once; the name section is left out (it is not shipped).',
    "A function's group is decided from its demangled name, in this order:",
    '1. float formatting (core::fmt::float, core::num::flt2dec, Display/ToString for f32/f64) -> its own group;',
    '2. a name that mentions bia:: and is serde code (a serde trait impl, or serde/serde_json code) -> "serde derives for bia types" when the impl is on the bia type itself, else "serde + serde_json code instantiated for bia types";',
    '3. any other name that mentions bia:: -> the first bia module it names, reading left to right (bia::ui::<file>, bia::core::<file>, bia::browser::<file>; items of a mod.rs -> "bia::<dir> (mod.rs)"); "own" if the function is that module\'s (or a core/alloc/std trait impl on its type), "generic" if it is another crate\'s generic code made for it;',
    '4. otherwise the first crate the name mentions other than core/alloc/std (so core::ptr::drop_in_place::<tachys::X> counts under tachys), else core (split into core::fmt and the rest), alloc or std;',
    'a function without a name (one wasm-opt made by merging similar functions) is shared out among the functions that call it, by call sites;',
    'data segments are split into the JSON documents found verbatim in them and the rest.',
  ];
}
