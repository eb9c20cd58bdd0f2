// Reading a wasm module's binary, for the wasm-split scripts (drop-exports.mjs, strip-relocs.mjs,
// group.mjs): LEB128 numbers and the sections one by one.

/** The unsigned LEB128 number at `at` in `bytes`, and where what follows it begins. */
export function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/** Each section of the module: its id, where it starts (its id byte), where its content begins
 * and where it ends. `file` names the module in the error for what is not one. */
export function* sections(bytes, file) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file}: not a wasm module`);
  for (let at = 8; at < bytes.length; ) {
    const [size, body] = leb(bytes, at + 1);
    yield { id: bytes[at], start: at, body, end: body + size };
    at = body + size;
  }
}
