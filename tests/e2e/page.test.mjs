// The playground page in headless Chromium: it trains on WebGPU, its controls and views work,
// a link restores a setup, and without WebGPU it trains on the CPU and says so.
// Serves ../../dist (a `trunk build --release`); screenshots go to ./shots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '..', '..', 'dist');
const shots = join(here, 'shots');
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES = { '.svg': 'image/svg+xml', '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png' };
// SwiftShader compiles shaders on the CPU: the first WebGPU steps take tens of seconds.
const SLOW = 240_000;

let server, base;
before(async () => {
  await mkdir(shots, { recursive: true });
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(dist, path.endsWith('/') ? path + 'index.html' : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(body);
    } catch { res.writeHead(404); res.end(); }
  });
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server?.close());

/** A fresh browser and page; collects console errors and failed requests. */
async function open(url, { webgpu = true } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: webgpu ? [...BASE_ARGS, '--enable-unsafe-webgpu'] : BASE_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('requestfailed', r => errors.push(`request failed: ${r.url()}`));
  page.on('response', r => { if (r.status() >= 400) errors.push(`${r.status()}: ${r.url()}`); });
  page.on('request', r => { if (!r.url().startsWith(base)) errors.push(`external request: ${r.url()}`); });
  await page.goto(base + url);
  return { browser, page, errors };
}

const status = page => page.evaluate(() => ({ ...document.getElementById('status').dataset }));
/** Waits until the page shows an iteration above `above` and no read is in flight. */
async function waitStep(page, above, timeout = SLOW) {
  await page.waitForFunction(n => {
    const d = document.getElementById('status')?.dataset;
    return d && Number(d.step) > n && d.reading === 'false';
  }, above, { timeout });
  return status(page);
}
/** Waits until nothing is in flight (after a pause, say). */
const settle = page => page.waitForFunction(() => document.getElementById('status').dataset.reading === 'false', null, { timeout: SLOW });
/** Clicks a button through the DOM. While WebGPU runs on SwiftShader (a CPU) animation frames
 * come seconds apart, and Playwright's click waits for the element to hold still over two. */
const press = (page, id) => page.evaluate(id => document.getElementById(id).click(), id);
/** Share of canvas pixels that differ from the top-left one: 0 for a blank canvas. */
const inked = page => page.evaluate(() => {
  const c = document.getElementById('plane'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) n++;
  return n / (d.length / 4);
});

test('trains on WebGPU: steps rise, losses move, views draw, D-only leaves G alone', { timeout: 900_000 }, async () => {
  const started = Date.now();
  const { browser, page, errors } = await open('');
  try {
    // It trains at once (on the CPU), then moves to WebGPU once WebGPU's shaders are compiled.
    await waitStep(page, 0);
    console.log(`first trained frame after ${Date.now() - started} ms`);
    await page.waitForFunction(() => document.getElementById('status').dataset.backend === 'webgpu', null, { timeout: SLOW });
    console.log(`on WebGPU after ${Date.now() - started} ms`);
    const first = await status(page);
    await page.screenshot({ path: join(shots, 'webgpu-first-step.png') });
    const later = await waitStep(page, Number(first.step) + 5);
    assert.notEqual(later.dLoss, first.dLoss, 'the D loss changes as training goes on');
    assert.ok(Number(later.stepsPerSecond) >= 0);
    assert.ok(await inked(page) > 0.2, 'the data plane is drawn');
    for (const id of ['loss-chart', 'histogram', 'metrics-chart']) {
      assert.ok(await page.locator(`#${id} polyline, #${id} rect`).count() > 0, `${id} has marks`);
    }
    await page.screenshot({ path: join(shots, 'webgpu-training.png') });

    // Pause, then one D-only step: D's loss changes, G (its output on fixed noise) does not.
    await press(page, 'play');
    await page.waitForFunction(() => document.getElementById('status').dataset.playing === 'false');
    await settle(page);
    const paused = await status(page);
    await press(page, 'step-d');
    const dOnly = await waitStep(page, Number(paused.step));
    assert.notEqual(dOnly.dLoss, paused.dLoss, 'a D step moves the D loss');
    assert.equal(dOnly.gChecksum, paused.gChecksum, 'a D step leaves G as it was');
    assert.equal(dOnly.gLoss, paused.gLoss);
    await press(page, 'step-g');
    const gOnly = await waitStep(page, Number(dOnly.step));
    assert.notEqual(gOnly.gChecksum, dOnly.gChecksum, 'a G step moves G');
    await page.screenshot({ path: join(shots, 'webgpu-stepped.png') });
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});

test('a link opens with its dataset and learning rate, and edits go back into the link', { timeout: 600_000 }, async () => {
  const { browser, page, errors } = await open('#dataset=eight-gaussians&d_lr=0.05&k_d=2');
  try {
    await waitStep(page, 0);
    assert.equal(await page.inputValue('#dataset'), 'eight-gaussians');
    assert.equal(await page.inputValue('#d-lr'), '0.05');
    assert.equal(await page.inputValue('#k-d'), '2');
    await page.fill('#g-lr', '0.01');
    await page.press('#g-lr', 'Enter');
    await page.waitForFunction(() => location.hash.includes('g_lr=0.01'));
    await page.screenshot({ path: join(shots, 'link-eight-gaussians.png') });
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});

test('a bad value or a tampered link gets a message, and training goes on', { timeout: 600_000 }, async () => {
  const { browser, page, errors } = await open('#d_lr=1e9');
  try {
    await page.locator('#error', { hasText: 'learning rate' }).or(page.locator('#error', { hasText: 'lr' })).waitFor({ timeout: 30_000 });
    const s = await waitStep(page, 0);
    await page.fill('#batch', '0');
    await page.press('#batch', 'Enter');
    await page.locator('#error', { hasText: 'batch_size' }).waitFor();
    assert.equal(await page.inputValue('#batch'), '150', 'the control shows the value still in use');
    await waitStep(page, Number(s.step));
    await page.screenshot({ path: join(shots, 'bad-input.png') });
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});

test('without WebGPU the CPU backend trains, and the page says so', { timeout: 300_000 }, async () => {
  const { browser, page, errors } = await open('', { webgpu: false });
  try {
    const first = await waitStep(page, 0, 60_000);
    assert.equal(first.backend, 'cpu');
    await page.locator('#notice', { hasText: 'CPU' }).waitFor();
    const later = await waitStep(page, Number(first.step) + 20, 60_000);
    assert.notEqual(later.dLoss, first.dLoss);
    assert.ok(await inked(page) > 0.2);
    await page.screenshot({ path: join(shots, 'cpu-fallback.png') });
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});
