// node loader.mjs LOADER.js
// Two changes to the loader wasm-split-cli writes (`__wasm_split.js`), in place:
//
// - It asks again for a chunk it could not fetch, sooner when the network comes back, and the
//   app waits for the chunk. As written, it reports the failure, and Leptos's `#[lazy]` panics
//   on one: the app stops. That happened on a page being left (Firefox aborts a page's fetches
//   as soon as a navigation starts, and the chunks are still coming in a second after the first
//   paint) and would offline, before the service worker holds every chunk.
// - Its comments go (a list of the `#[lazy]` functions above each of some hundred chunks): every
//   visitor downloads the loader.
//
// The code it replaces must be found as expected, or the build stops.
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node loader.mjs LOADER.js');
  process.exit(2);
}
const fail = (why) => {
  console.error(`wasm-split loader: ${file}: ${why}; wasm-split-cli's output changed?`);
  process.exit(1);
};
let code = readFileSync(file, 'utf8');
const call = /(function wrapAsyncCb\(callee\) \{\s*return async \(callbackIndex, callbackData\) => \{\s*let success;\s*try \{\s*)await callee\(\);/;
if (!call.test(code)) fail('wrapAsyncCb no longer has the shape expected');
const retried = `async function retried(load) {
    for (let wait = 500; ; wait = Math.min(wait * 2, 30000)) {
        try {
            return await load();
        } catch (e) {
            console.warn("chunk not loaded, asking again", e);
            await new Promise((again) => {
                const back = () => { clearTimeout(timer); again(); };
                const timer = setTimeout(() => { removeEventListener("online", back); again(); }, wait);
                addEventListener("online", back, { once: true });
            });
        }
    }
}
`;
code = code.replace(call, (_, head) => `${head}await retried(callee);`);
code = code.replace(/^function wrapAsyncCb/m, `${retried}function wrapAsyncCb`);
// Block comments hold no `*`, and line comments stand on lines of their own; a string holding
// either would be cut, so none may.
if (/["'`][^"'`\n]*(\/\*|\/\/)[^"'`\n]*["'`]/.test(code)) fail('a string holds a comment marker');
code = code.replace(/\/\*[^*]*\*\/\n?/g, '').replace(/^[ \t]*\/\/.*\n/gm, '');
if (/\/\*|^\s*\/\//m.test(code)) fail('a comment is left');
writeFileSync(file, code);
