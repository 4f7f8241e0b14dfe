// GAN Lab's ring model in TF.js, the same model, data, batch, optimiser, kD:kG and readback
// cadence as ganplay's benchmark (src/bench.rs, src/config.rs `Config::ganlab`):
// G 2-10-10-2 (ReLU, tanh out) on 2-D uniform noise in [-1, 1], D 2-9-9-9-1 (ReLU, a logit),
// batch 150, SGD (D 0.1, G 0.03), non-saturating log loss from logits, kD 3 : kG 1; one
// iteration = 4 updates; losses read back every `every` iterations. Data and noise are drawn
// on the host and uploaded each update, as ganplay does.
const params = new URLSearchParams(location.search);
const backend = params.get('backend') ?? 'wasm';
const seconds = Number(params.get('seconds') ?? 10);
const every = Number(params.get('every') ?? 50);
const BATCH = 150;

function normal() {
  const u = 1 - Math.random(), v = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
/** GAN Lab's ring, as src/data.rs draws it. */
function ring(n) {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * Math.random();
    out[2 * i] = 0.5 + 0.3 * Math.cos(a) + 0.025 * normal();
    out[2 * i + 1] = 0.45 + 0.25 * Math.sin(a) + 0.025 * normal();
  }
  return tf.tensor2d(out, [n, 2]);
}
function noise(n) {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < out.length; i++) out[i] = 2 * Math.random() - 1;
  return tf.tensor2d(out, [n, 2]);
}

/** An MLP as variables: Kaiming-uniform-like init, as Burn's Linear. */
function mlp(widths) {
  return widths.slice(1).map((out, i) => {
    const bound = 1 / Math.sqrt(widths[i]);
    return {
      w: tf.variable(tf.randomUniform([widths[i], out], -bound, bound)),
      b: tf.variable(tf.randomUniform([out], -bound, bound)),
    };
  });
}
function forward(layers, x, last) {
  layers.forEach((l, i) => {
    x = tf.add(tf.matMul(x, l.w), l.b);
    x = i + 1 < layers.length ? tf.relu(x) : last(x);
  });
  return x;
}
const vars = layers => layers.flatMap(l => [l.w, l.b]);

async function run() {
  const t0 = performance.now();
  if (backend === 'wasm') tf.wasm.setWasmPaths('/tfjs/');
  if (!await tf.setBackend(backend)) throw new Error(`TF.js backend ${backend} is not available`);
  await tf.ready();
  const G = mlp([2, 10, 10, 2]), D = mlp([2, 9, 9, 9, 1]);
  const dOpt = tf.train.sgd(0.1), gOpt = tf.train.sgd(0.03);
  const generate = z => forward(G, z, tf.tanh);
  const critic = x => forward(D, x, x => x);
  // -1/n Σ [log σ(D(x)) + log σ(-D(G(z)))], with -log σ(l) = softplus(-l) (stable; TF.js's
  // logSigmoid fails to differentiate inside minimize in 4.22.0)
  const dLoss = () => {
    const fakes = generate(noise(BATCH));
    const real = critic(ring(BATCH)), fake = critic(fakes);
    return tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake)));
  };
  // -1/n Σ log σ(D(G(z)))
  const gLoss = () => tf.mean(tf.softplus(tf.neg(critic(generate(noise(BATCH))))));
  let d, g;
  const iteration = () => {
    for (let k = 0; k < 3; k++) { d?.dispose(); d = dOpt.minimize(dLoss, true, vars(D)); }
    g?.dispose(); g = gOpt.minimize(gLoss, true, vars(G));
  };
  const read = async () => Promise.all([d.data(), g.data()]).then(([a, b]) => [a[0], b[0]]);
  // Warm-up, untimed: one iteration and one readback (shader compilation).
  iteration();
  await read();
  const warmUp = (performance.now() - t0) / 1000;
  const start = performance.now();
  let iterations = 0, losses;
  for (;;) {
    for (let i = 0; i < every; i++) iteration();
    iterations += every;
    losses = await read();
    if ((performance.now() - start) / 1000 >= seconds) break;
  }
  const elapsed = (performance.now() - start) / 1000;
  return {
    framework: 'tfjs', backend: tf.getBackend(), readback_every: every,
    speed: { iterations, seconds: elapsed, iterations_per_second: iterations / elapsed, updates_per_second: 4 * iterations / elapsed,
             warm_up_seconds: warmUp, d_loss: losses[0], g_loss: losses[1] },
  };
}

const pre = document.createElement('pre');
pre.id = 'bench';
run().catch(e => ({ framework: 'tfjs', backend, error: String(e), stack: e.stack }))
  .then(result => { pre.textContent = JSON.stringify(result); document.body.append(pre); });
