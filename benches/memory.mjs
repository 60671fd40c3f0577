// Peak memory for the generated 4 MB report (issue 12: ≤ 10× the text, native and wasm). Writes the
// text (built as benches/check.rs `generated` builds it) to OUT, checks it with the wasm checker from
// www/pkg in this Node process and prints the wasm memory's size after the check (wasm memory only
// grows, so that is its peak). .ci/bench then runs the native CLI on OUT under /usr/bin/time.
// Usage: node benches/memory.mjs ROOT OUT
import fs from 'node:fs';
import path from 'node:path';
const [root, out] = process.argv.slice(2);
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const seed = read('tests/fixtures/2008_public_utilities_bureau.txt');
const hunchun = read('tests/fixtures/2010_hunchun_urban_management.txt');
const complete = read('tests/fixtures/2022_department_complete.txt');
const filler = [...seed.split('\n'), ...hunchun.split('\n')].filter((l) => [...l].length > 80);
const at = complete.indexOf('二、主动公开政府信息情况');
const parts = [complete.slice(0, at)];
let size = Buffer.byteLength(parts[0]);
for (let i = 0; size < 4 * 1024 * 1024; i++) {
  const s = filler[i % filler.length].trim() + '\n\n';
  parts.push(s);
  size += Buffer.byteLength(s);
}
parts.push(complete.slice(at));
const text = parts.join('');
fs.writeFileSync(out, text);
const mod = await import(path.join(root, 'www/pkg/reportcheck.js'));
const wasm = await mod.default({ module_or_path: fs.readFileSync(path.join(root, 'www/pkg/reportcheck_bg.wasm')) });
new mod.Checker('auto').check(text, { today: '2026-11-28' });
console.log(JSON.stringify({ text_bytes: Buffer.byteLength(text), wasm_memory_bytes: wasm.memory.buffer.byteLength }));
