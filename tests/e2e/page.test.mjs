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
const TYPES = { '.svg': 'image/svg+xml', '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.woff2': 'font/woff2' };
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
/** Waits until the page shows an iteration above `above`; when paused, also until no read is in
 * flight (so the status is final). While it plays a read is nearly always under way (on WebGPU
 * the next frame starts one as soon as the last lands), and every status it shows is whole:
 * step and losses come from the same snapshot. */
async function waitStep(page, above, timeout = SLOW) {
  await page.waitForFunction(n => {
    const d = document.getElementById('status')?.dataset;
    return d && Number(d.step) > n && (d.reading === 'false' || d.playing === 'true');
  }, above, { timeout, polling: 100 });
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
    // It trains at once (on the CPU). Once WebGPU's shaders are compiled it races WebGPU against
    // the CPU and moves to WebGPU if that is faster; on SwiftShader (a CPU) it is not, and the
    // page says so and offers the switch, which moves the run.
    await waitStep(page, 0);
    console.log(`first trained frame after ${Date.now() - started} ms`);
    // One iteration a frame: on SwiftShader a WebGPU iteration takes seconds.
    await page.$eval('#steps-per-frame', el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForFunction(() => document.getElementById('status').dataset.backend === 'webgpu'
      || document.getElementById('notice')?.textContent.includes('WebGPU is ready'), null, { timeout: SLOW });
    if ((await status(page)).backend === 'cpu') {
      console.log(`page: ${await page.textContent('#notice')}`);
      await page.screenshot({ path: join(shots, 'webgpu-ready-cpu-faster.png') });
      await press(page, 'switch-backend');
      await page.waitForFunction(() => document.getElementById('status').dataset.backend === 'webgpu', null, { timeout: SLOW });
    }
    console.log(`on WebGPU after ${Date.now() - started} ms`);
    const first = await status(page);
    await page.screenshot({ path: join(shots, 'webgpu-first-step.png') });
    const later = await waitStep(page, Number(first.step) + 2);
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

test('the theory cards explain the latest batch, and slow motion walks through an iteration', { timeout: 300_000 }, async () => {
  const { browser, page, errors } = await open('', { webgpu: false });
  const text = async id => (await page.textContent(`#${id}`)).trim();
  const number = async id => Number((await text(id)).replace('−', '-'));
  try {
    await waitStep(page, 5, 60_000);
    // Every card opens; every formula typesets (no MathML error).
    for (const id of ['card-players', 'card-information', 'card-entropy', 'card-cross-entropy', 'card-bce', 'card-game']) {
      if (!await page.$eval(`#${id}`, d => d.open)) await page.click(`#${id} > summary`);
      assert.ok(await page.$eval(`#${id}`, d => d.open), `${id} opens`);
    }
    assert.ok(await page.locator('.theory math').count() >= 10, 'the formulas are MathML');
    assert.equal(await page.locator('merror').count(), 0, 'every formula parses');
    await page.screenshot({ path: join(shots, 'theory-cards.png'), fullPage: true });
    // At 1024 px the page still fits: nothing runs off to the side.
    await page.setViewportSize({ width: 1024, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1024), 'no horizontal scrolling at 1024 px');
    await page.screenshot({ path: join(shots, 'theory-1024.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The BCE table adds up to the loss the optimiser used (both read from the same frame).
    await settle(page);
    const [sum, used] = await page.evaluate(() => ['bce-sum', 'bce-used'].map(id => Number(document.getElementById(id).textContent.trim().replace('−', '-'))));
    assert.ok(Math.abs(sum - used) < 2e-5, `formula ${sum}, optimiser ${used}`);

    // Entropy: uniform over 4 is 2 bits; moving a bar changes H; nats switch units.
    await page.click('#entropy-uniform');
    assert.equal(await text('entropy-value'), '2.000');
    await page.locator('#entropy-bars').scrollIntoViewIfNeeded();
    const bars = await page.locator('#entropy-bars').boundingBox();
    await page.mouse.move(bars.x + bars.width / 8, bars.y + bars.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(bars.x + bars.width / 8, bars.y + bars.height * 0.75, { steps: 5 });
    await page.mouse.up();
    const moved = await number('entropy-value');
    assert.ok(moved < 2 && moved > 0, `H after lowering a bar: ${moved}`);
    await page.click('#entropy-uniform');
    await page.click('#unit-nats');
    assert.equal(await text('entropy-value'), '1.386');
    await page.click('#unit-bits');

    // Cross-entropy: Q with a zero where P is not gives an infinite KL, shown as ∞.
    await page.locator('#ce-q-bars').scrollIntoViewIfNeeded();
    const q = await page.locator('#ce-q-bars').boundingBox();
    await page.mouse.click(q.x + q.width * 3 / 8, q.y + q.height * 0.95);
    assert.equal(await text('ce-kl').then(t => t.split(' ')[0]), '∞');

    // Information: a picked sample's surprise in bits.
    await page.click('#pick-real');
    assert.ok(Number.isFinite(await number('info-bits').catch(() => NaN)) || (await text('info-bits')) === '∞');

    // Slow motion: pauses, then one iteration stage by stage, each tied to its card.
    await page.click('#slow-start');
    await page.waitForSelector('#narration[data-stage="0"]', { timeout: 60_000 });
    assert.equal((await status(page)).playing, 'false');
    const at = Number((await status(page)).step);
    const cards = ['card-players', 'card-players', 'card-information', 'card-bce', 'card-cross-entropy', 'card-game', 'card-game'];
    for (let stage = 0; stage < 7; stage++) {
      await page.waitForSelector(`#narration[data-stage="${stage}"]`);
      assert.ok(await page.$eval(`#${cards[stage]}`, d => d.classList.contains('highlight') && d.open), `stage ${stage} highlights ${cards[stage]}`);
      assert.ok(await inked(page) > 0.2, `stage ${stage} draws the plane`);
      await page.screenshot({ path: join(shots, `slow-motion-${stage + 1}.png`) });
      if (stage === 3) {
        await page.click('#stage-back');
        await page.waitForSelector('#narration[data-stage="2"]');
        await page.click('#stage-next');
        await page.waitForSelector('#narration[data-stage="3"]');
      }
      await page.click('#stage-next');
    }
    // Past the last stage: the next iteration, in slow motion again.
    await page.waitForSelector('#narration[data-stage="0"]', { timeout: 60_000 });
    assert.equal(Number((await status(page)).step), at + 1, 'slow motion trains exactly one iteration at a time');
    await page.click('#slow-exit');
    assert.equal(await page.locator('#narration').count(), 0);
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});

/** Waits until a run opened from a share link has stopped at its iteration. */
async function stoppedAt(page, step) {
  await page.waitForFunction(n => {
    const d = document.getElementById('status')?.dataset;
    return d && d.playing === 'false' && Number(d.step) === n && d.reading === 'false';
  }, step, { timeout: 120_000 });
  return status(page);
}

test('a shared link rebuilds the run: the same losses at the same iteration, bit for bit on the CPU', { timeout: 300_000 }, async () => {
  const a = await open('#backend=cpu&stop=60&dataset=two-gaussians&seed=5');
  let link, sent;
  try {
    sent = await stoppedAt(a.page, 60);
    assert.equal(sent.backend, 'cpu', 'the link pins the CPU');
    await a.page.click('#share');
    link = await a.page.inputValue('#share-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#v=1&/);
    assert.match(link, /stop=60/);
    await a.page.screenshot({ path: join(shots, 'share-sender.png') });
    assert.deepEqual(a.errors, []);
  } finally { await a.browser.close(); }
  const b = await open(link.slice(base.length));
  try {
    const received = await stoppedAt(b.page, 60);
    assert.equal(await b.page.inputValue('#dataset'), 'two-gaussians');
    assert.equal(received.dLoss, sent.dLoss, 'D loss, every digit');
    assert.equal(received.gLoss, sent.gLoss, 'G loss, every digit');
    assert.equal(received.gChecksum, sent.gChecksum, 'the same generator');
    await b.page.screenshot({ path: join(shots, 'share-receiver.png') });
    assert.deepEqual(b.errors, []);
  } finally { await b.browser.close(); }
});

test('the lessons load and advance, setting up each step and hiding what they hide', { timeout: 300_000 }, async () => {
  const { browser, page, errors } = await open('#lesson=what-d-sees', { webgpu: false });
  try {
    await page.waitForSelector('#lesson[data-step="0"]');
    assert.equal(await page.isVisible('.settings'), false, 'this lesson hides the settings');
    assert.equal((await status(page)).playing, 'false', 'its first step starts paused');
    const steps = await page.locator('#lesson li').count();
    for (let i = 1; i < steps; i++) {
      await page.click('#lesson-next');
      await page.waitForSelector(`#lesson[data-step="${i}"]`);
    }
    assert.equal((await status(page)).playing, 'true', 'its last step plays');
    await page.click('#lesson-back');
    await page.waitForSelector(`#lesson[data-step="${steps - 2}"]`);
    await page.screenshot({ path: join(shots, 'lesson-what-d-sees.png') });
    await page.click('#lesson-close');
    assert.equal(await page.isVisible('.settings'), true);
    // The other lessons, from the chooser: each sets up its first step.
    for (const [name, loss] of [['saturation', 'minimax'], ['mode-collapse', 'non-saturating']]) {
      await page.selectOption('#lesson-choice', name);
      await page.waitForSelector('#lesson[data-step="0"]');
      assert.equal(await page.inputValue('#loss'), loss);
      await page.click('#lesson-next');
      await page.waitForSelector('#lesson[data-step="1"]');
      await page.screenshot({ path: join(shots, `lesson-${name}.png`) });
      await page.click('#lesson-close');
    }
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});

test('a saved model loads back and training goes on from it; a broken file changes nothing', { timeout: 300_000 }, async () => {
  const { browser, page, errors } = await open('', { webgpu: false });
  try {
    await waitStep(page, 30, 60_000);
    await press(page, 'play');
    await settle(page);
    const saved = await status(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-model')]);
    const file = join(shots, 'model.json');
    await download.saveAs(file);
    // The other exports download too.
    for (const id of ['export-png', 'export-csv']) {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
      assert.ok(await d.path());
    }
    await page.click('#reset');
    await page.waitForFunction(() => document.getElementById('status').dataset.step === '0');
    await page.setInputFiles('#load-model', file);
    await page.locator('#toast', { hasText: 'Loaded' }).waitFor();
    await settle(page);
    const loaded = await status(page);
    assert.equal(loaded.step, saved.step, 'the iteration count comes back');
    assert.equal(loaded.gChecksum, saved.gChecksum, 'the same generator');
    await press(page, 'play');
    await waitStep(page, Number(saved.step) + 10, 60_000);

    // Damaged or foreign files: a message, and the run goes on untouched.
    for (const [name, text] of [['cut.json', '{"format":"ganplay-model","version":1,"config":"","iter'],
                                ['newer.json', '{"format":"ganplay-model","version":9}'],
                                ['picture.json', '\x89PNG\r\n']]) {
      const before = await status(page);
      await page.setInputFiles('#load-model', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.locator('#error', { hasText: `Could not load ${name}` }).waitFor();
      await waitStep(page, Number(before.step));
    }
    assert.match(await page.textContent('#error'), /unchanged/);
    await page.screenshot({ path: join(shots, 'model-import.png') });
    assert.deepEqual(errors, []);
  } finally { await browser.close(); }
});
