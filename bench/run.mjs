// The benchmark: in one headless Chromium, GAN Lab's ring model trains for a fixed time on
// ganplay's WebGPU and CPU backends and on TF.js's wasm, cpu, webgl and webgpu backends, with
// the losses read back every 50 iterations on every side. Prints iterations/s, the ratios the
// performance targets are about, the page's frame rate while training, the time to the first
// trained frame, and the size of the wasm download.
//
//   node run.mjs [--seconds 10] [--every 50] [--only ganplay-cpu,tfjs-wasm,...] [--json out.json] [--dist ../dist]
//
// Serves ../dist (run `trunk build --release` first; `cargo xtask bench` does both).
import { createServer } from 'node:http';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const dist = arg('dist', join(here, '..', 'dist'));
const seconds = Number(arg('seconds', 10));
// Losses are read back every this many iterations (50 for the comparison; CI's short run uses fewer).
const every = Number(arg('every', 50));
const RUNS = [
  ['ganplay', 'webgpu'], ['ganplay', 'cpu'],
  ['tfjs', 'wasm'], ['tfjs', 'cpu'], ['tfjs', 'webgl'], ['tfjs', 'webgpu'],
];
const only = arg('only', null)?.split(',');
const runs = RUNS.filter(([f, b]) => !only || only.includes(`${f}-${b}`));

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const tfjsFiles = {
  'tf.min.js': '@tensorflow/tfjs/dist/tf.min.js',
  'tf-backend-wasm.min.js': '@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
  'tf-backend-webgpu.min.js': '@tensorflow/tfjs-backend-webgpu/dist/tf-backend-webgpu.min.js',
};
function resolve(path) {
  if (path.startsWith('/bench/')) return join(here, path.slice('/bench/'.length));
  if (path.startsWith('/tfjs/')) {
    const name = path.slice('/tfjs/'.length);
    return join(here, 'node_modules', tfjsFiles[name] ?? `@tensorflow/tfjs-backend-wasm/dist/${name}`);
  }
  return join(dist, path.endsWith('/') ? path + 'index.html' : path);
}
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(resolve(path));
    res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise(ok => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
});
const version = browser.version();

/** Opens `url`, waits for #bench, returns its JSON (and the WebGPU adapter, if any). */
async function measure(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  try {
    await page.goto(base + url);
    // The first WebGPU step compiles shaders: on SwiftShader (a CPU) that takes minutes.
    await page.waitForSelector('#bench', { timeout: (seconds + 600) * 1000 });
    const result = JSON.parse(await page.textContent('#bench'));
    if (errors.length) result.page_errors = errors;
    return result;
  } catch (e) {
    return { error: `${e.message.split('\n')[0]}${errors.length ? `; ${errors.join('; ')}` : ''}` };
  } finally { await page.close(); }
}

const adapter = await (async () => {
  const page = await browser.newPage();
  await page.goto(base + '/bench/tfjs.html?backend=none');
  const info = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? `${a.info.vendor} ${a.info.architecture} ${a.info.description}`.trim() + (a.info.isFallbackAdapter ? ' (fallback)' : '') : 'none';
  });
  await page.close();
  return info;
})();

const results = [];
for (const [framework, backend] of runs) {
  const url = framework === 'ganplay'
    ? `/?bench=${backend}&seconds=${seconds}&every=${every}`
    : `/bench/tfjs.html?backend=${backend}&seconds=${seconds}&every=${every}`;
  process.stderr.write(`${framework} ${backend}… `);
  const r = await measure(url);
  const ips = r.speed?.iterations_per_second;
  process.stderr.write(ips ? `${ips.toFixed(1)} it/s\n` : `failed: ${r.error}\n`);
  results.push({ framework, backend, ...r });
}

/** The page itself: time from navigation to the first trained frame, then frames/s while it trains. */
async function pageFigures() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const started = Date.now();
  await page.goto(base + '/#backend=cpu');
  await page.waitForFunction(() => Number(document.getElementById('status')?.dataset.step) > 0, null, { timeout: 60_000 });
  const firstFrameMs = Date.now() - started;
  const fps = await page.evaluate(ms => new Promise(done => {
    let frames = 0; const t0 = performance.now();
    const tick = () => { frames++; if (performance.now() - t0 < ms) requestAnimationFrame(tick); else done(frames * 1000 / (performance.now() - t0)); };
    requestAnimationFrame(tick);
  }), Math.min(seconds, 5) * 1000);
  const status = await page.evaluate(() => ({ ...document.getElementById('status').dataset }));
  await page.close();
  return { first_trained_frame_ms: firstFrameMs, fps_while_training: fps, page_iterations_per_second: Number(status.stepsPerSecond) };
}
const pageRun = runs.some(([f, b]) => f === 'ganplay' && b === 'cpu') ? await pageFigures().catch(e => ({ error: e.message })) : null;
await browser.close();
server.close();

const wasm = (await readdir(dist).catch(() => [])).filter(f => f.endsWith('.wasm'));
const size = await Promise.all(wasm.map(async f => { const b = await readFile(join(dist, f)); return { file: f, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }; }));

// The table.
const fmt = x => x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1);
const cpuInfo = (() => { try { return execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).toString().trim(); } catch { return 'unknown CPU'; } })();
console.log(`\nGAN Lab's ring model (G 2-10-10-2, D 2-9-9-9-1, batch 150, SGD, kD 3 : kG 1; losses read every ${every} iterations), ${seconds} s a backend`);
console.log(`Chromium ${version}, WebGPU adapter: ${adapter}; ${cpuInfo}\n`);
console.log('| framework | backend | iterations/s | updates/s | warm-up (s) | note |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.framework} | ${r.backend} | ${fmt(r.speed?.iterations_per_second)} | ${fmt(r.speed?.updates_per_second)} | ${fmt(r.speed?.warm_up_seconds)} | ${r.error ?? ''} |`);
}
const ips = (f, b) => results.find(r => r.framework === f && r.backend === b)?.speed?.iterations_per_second;
const tfjs = results.filter(r => r.framework === 'tfjs' && r.speed);
const best = tfjs.sort((a, b) => b.speed.iterations_per_second - a.speed.iterations_per_second)[0];
const ganBest = Math.max(...['webgpu', 'cpu'].map(b => ips('ganplay', b) ?? 0));
console.log('');
if (best) console.log(`ganplay's faster backend / TF.js's best (${best.backend}): ${(ganBest / best.speed.iterations_per_second).toFixed(2)}x (target >= 1.5x)`);
if (ips('ganplay', 'webgpu') && ips('tfjs', 'webgpu')) console.log(`ganplay webgpu / TF.js webgpu: ${(ips('ganplay', 'webgpu') / ips('tfjs', 'webgpu')).toFixed(2)}x (target >= 1x)`);
if (pageRun) console.log(`page (CPU backend): first trained frame ${pageRun.first_trained_frame_ms ?? '—'} ms after navigation (target < 2000), ${fmt(pageRun.fps_while_training)} frames/s while training (target >= 30), ${fmt(pageRun.page_iterations_per_second)} iterations/s as drawn`);
for (const s of size) console.log(`download: ${s.file} ${(s.bytes / 1e6).toFixed(2)} MB, ${(s.gzip / 1e6).toFixed(2)} MB gzip -9 (target <= 2 MB gzip)`);
const out = arg('json', null);
if (out) await writeFile(out, JSON.stringify({ seconds, chromium: version, adapter, results, page: pageRun, size }, null, 2));
// Every backend must train and report a figure (CI runs a short version of this).
const failed = results.filter(r => !r.speed);
if (failed.length) { console.error(`no figure from: ${failed.map(r => `${r.framework} ${r.backend}`).join(', ')}`); process.exit(1); }
