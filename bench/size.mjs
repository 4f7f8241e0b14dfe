// What the page's download is made of: the shipped wasm (dist/, after wasm-opt) as raw, gzip
// and brotli bytes, and, from the same build before wasm-opt strips the names, its code grouped
// by where it comes from (twiggy).
//
//   cargo install twiggy && cargo xtask build && node bench/size.mjs [--target-dir DIR]
//
// DIR is cargo's target directory (default ../target, or $CARGO_TARGET_DIR). The breakdown reads
// DIR/wasm32-unknown-unknown/web/ganplay.wasm through wasm-bindgen (as trunk does), names kept.
import { readFile, readdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { execFileSync } from 'node:child_process';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--target-dir');
const target = i >= 0 ? args[i + 1] : process.env.CARGO_TARGET_DIR ?? join(here, '..', 'target');
const dist = join(here, '..', 'dist');
const mb = n => (n / 1e6).toFixed(2);

console.log('| file | bytes | gzip -9 | brotli -q 11 |\n|---|---|---|---|');
for (const f of (await readdir(dist)).filter(f => f.endsWith('.wasm') || f.endsWith('.js'))) {
  const b = await readFile(join(dist, f));
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`| ${f.replace(/-[0-9a-f]{16}/, '')} | ${mb(b.length)} MB | ${mb(gzipSync(b, { level: 9 }).length)} MB | ${mb(br)} MB |`);
}

// Crates grouped by the part of the program they serve.
const GROUPS = [
  ['Burn wgpu backend: CubeCL JIT compiler and kernels', /^(cubecl|cubek|pliron|combine|rustc_apfloat|burn_cubecl|wgpu|naga)/],
  ['Burn CPU backend (Flex) and its GEMM', /^(burn_flex|gemm|seq_macro|pulp)/],
  ['Burn: tensors, autodiff, modules, optimisers', /^(burn|downcast_rs)/],
  ['Leptos (the page\'s views)', /^(leptos|tachys|reactive_graph|reactive_stores|any_spawner|throw_error|or_poisoned|wasm_bindgen|web_sys|js_sys)/],
  ['pulldown-latex (formulas to MathML)', /^pulldown_latex/],
  ['ganplay', /^ganplay/],
  ['Rust std, core, alloc, hashbrown', /^(std|core|alloc|hashbrown|compiler_builtins|dlmalloc)/],
];
const out = await mkdtemp(join(tmpdir(), 'ganplay-size-'));
const wasm = join(out, 'ganplay_bg.wasm');
let csv;
try {
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, join(target, 'wasm32-unknown-unknown', 'web', 'ganplay.wasm')]);
  csv = execFileSync('twiggy', ['top', '-n', '10000000', '-f', 'csv', wasm], { maxBuffer: 1 << 28 }).toString();
} catch (e) {
  console.error(`\n(no breakdown: ${e.code === 'ENOENT' ? `${e.path} is missing (cargo install twiggy)` : e.message.split('\n')[0]})`);
  process.exit(0);
}
const totals = new Map(GROUPS.map(([g]) => [g, 0]));
let other = 0, data = 0, names = 0, all = 0;
for (const line of csv.split('\n').slice(1).filter(Boolean)) {
  // Name,ShallowSize,ShallowSizePercent,... where Name may be quoted and hold commas.
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].replace(/^"|"$/g, '').replace(/""/g, '"');
  const size = Number(m[2]);
  all += size;
  if (name.includes('function names')) { names += size; continue; }
  if (name.startsWith('data segment')) { data += size; continue; }
  const crate = name.replace(/^<+/, '').replace(/^[\w:]+ as /, '').match(/^([A-Za-z_][\w]*)::/)?.[1] ?? '';
  const group = GROUPS.find(([, re]) => re.test(crate));
  if (group) totals.set(group[0], totals.get(group[0]) + size); else other += size;
}
console.log(`\nBefore wasm-opt (${mb(all)} MB, with ${mb(names)} MB of function names that wasm-opt strips):\n`);
console.log('| part | code bytes | share of code |\n|---|---|---|');
const code = all - names - data;
for (const [g, n] of [...totals, ['everything else', other]].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${g} | ${mb(n)} MB | ${(100 * n / code).toFixed(0)} % |`);
}
console.log(`| (data segments: constants, strings, tables) | ${mb(data)} MB | |`);
