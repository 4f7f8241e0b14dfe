//! Every hyperparameter of the core, editable while training runs. Each edit builds a new
//! `Config` and hands it to the runner, which validates it and keeps the weights where it can.

use leptos::prelude::*;

use super::Ui;
use super::runner::Runner;
use crate::Config;
use crate::config::{Activation, GeneratorOutput, LossKind, NetConfig, NoiseKind, OptimizerKind, from_name, name_of};
use crate::data::DatasetKind;
use crate::link;

/// A `<select>` over `options` (value, label) bound to one field of the config.
fn choice(
    ui: Ui,
    runner: Runner,
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    get: impl Fn(&Config) -> String + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Config, &str) + 'static,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <select id=id on:change=move |ev| {
                let mut c = ui.config.get_untracked();
                set(&mut c, &event_target_value(&ev));
                runner.set_config(c);
            }>
                {options.into_iter().map(|(value, text)| {
                    let v = value.clone();
                    view! { <option value=value selected=move || ui.config.with(|c| get(c) == v)>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// An `<input>` bound to one field; the text is parsed by `set`, which may refuse it.
fn field(
    ui: Ui,
    runner: Runner,
    id: &'static str,
    label: &'static str,
    get: impl Fn(&Config) -> String + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Config, &str) -> Result<(), String> + 'static,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <input id=id type="text" inputmode="decimal" spellcheck="false"
                prop:value=move || ui.config.with(get)
                on:change=move |ev| {
                    let mut c = ui.config.get_untracked();
                    match set(&mut c, &event_target_value(&ev)) {
                        Ok(()) => runner.set_config(c),
                        Err(e) => {
                            ui.error.set(Some(format!("Not applied: {id}: {e}")));
                            ui.config.notify();
                        }
                    }
                } />
        </label>
    }
}

fn options<T: serde::Serialize>(values: &[T], label: impl Fn(&T) -> &'static str) -> Vec<(String, String)> {
    values.iter().map(|v| (name_of(v), label(v).to_string())).collect()
}

fn number<T: std::str::FromStr>(v: &str) -> Result<T, String> {
    v.trim().parse().map_err(|_| format!("{v:?} is not a number"))
}

fn net(c: &mut Config, generator: bool) -> &mut NetConfig {
    if generator { &mut c.generator } else { &mut c.discriminator }
}

fn net_ref(c: &Config, generator: bool) -> &NetConfig {
    if generator { &c.generator } else { &c.discriminator }
}

/// The settings of one network.
fn network(ui: Ui, runner: Runner, generator: bool) -> impl IntoView {
    let (ids, title) = if generator {
        (["g-layers", "g-act", "g-opt", "g-lr", "g-b1", "g-b2"], "Generator")
    } else {
        (["d-layers", "d-act", "d-opt", "d-lr", "d-b1", "d-b2"], "Discriminator")
    };
    let activations = options(&[Activation::Relu, Activation::LeakyRelu, Activation::Tanh], |a| match a {
        Activation::Relu => "ReLU",
        Activation::LeakyRelu => "leaky ReLU",
        Activation::Tanh => "tanh",
    });
    let optimizers = options(&[OptimizerKind::Sgd, OptimizerKind::Adam], |o| match o {
        OptimizerKind::Sgd => "SGD",
        OptimizerKind::Adam => "Adam",
    });
    view! {
        <fieldset class="net">
            <legend>{title}</legend>
            {field(ui, runner.clone(), ids[0], "Hidden layers (neurons, comma-separated)",
                move |c| net_ref(c, generator).hidden.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                move |c, v| {
                    let v = v.trim();
                    net(c, generator).hidden = if v.is_empty() { Vec::new() } else { v.split(',').map(number).collect::<Result<_, _>>()? };
                    Ok(())
                })}
            {choice(ui, runner.clone(), ids[1], "Activation", activations,
                move |c| name_of(&net_ref(c, generator).activation),
                move |c, v| if let Some(a) = from_name(v) { net(c, generator).activation = a })}
            {choice(ui, runner.clone(), ids[2], "Optimiser", optimizers,
                move |c| name_of(&net_ref(c, generator).optimizer.kind),
                move |c, v| if let Some(o) = from_name(v) { net(c, generator).optimizer.kind = o })}
            {field(ui, runner.clone(), ids[3], "Learning rate",
                move |c| net_ref(c, generator).optimizer.lr.to_string(),
                move |c, v| { net(c, generator).optimizer.lr = number(v)?; Ok(()) })}
            {field(ui, runner.clone(), ids[4], "Adam β₁",
                move |c| net_ref(c, generator).optimizer.beta1.to_string(),
                move |c, v| { net(c, generator).optimizer.beta1 = number(v)?; Ok(()) })}
            {field(ui, runner, ids[5], "Adam β₂",
                move |c| net_ref(c, generator).optimizer.beta2.to_string(),
                move |c, v| { net(c, generator).optimizer.beta2 = number(v)?; Ok(()) })}
        </fieldset>
    }
}

#[component]
pub fn Settings(ui: Ui, runner: Runner) -> impl IntoView {
    let datasets = options(&DatasetKind::ALL, |d| d.label());
    let presets: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose a preset…".to_string())).chain(link::preset_names().into_iter().map(|n| (n.clone(), n))).collect();
    let losses = options(&[LossKind::Minimax, LossKind::NonSaturating, LossKind::LeastSquares, LossKind::WassersteinGp], |l| match l {
        LossKind::Minimax => "Minimax (log loss)",
        LossKind::NonSaturating => "Non-saturating (log loss)",
        LossKind::LeastSquares => "Least squares (LSGAN)",
        LossKind::WassersteinGp => "Wasserstein + gradient penalty",
    });
    let noises = options(&[NoiseKind::Uniform, NoiseKind::Gaussian], |n| match n {
        NoiseKind::Uniform => "Uniform [-1, 1]",
        NoiseKind::Gaussian => "Gaussian N(0, 1)",
    });
    let outputs = options(&[GeneratorOutput::Tanh, GeneratorOutput::Identity], |o| match o {
        GeneratorOutput::Tanh => "tanh",
        GeneratorOutput::Identity => "identity",
    });
    let r = runner.clone();
    view! {
        <section class="settings" aria-label="hyperparameters">
            <h2>"Setup"</h2>
            <fieldset class="run">
                <legend>"Data and game"</legend>
                <label>
                    <span>"Preset"</span>
                    <select id="preset" on:change=move |ev| {
                        if let Some(c) = link::preset(&event_target_value(&ev)) {
                            r.set_config(c);
                            r.reset();
                        }
                    }>
                        {presets.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                    </select>
                </label>
                {choice(ui, runner.clone(), "dataset", "Dataset", datasets,
                    |c| name_of(&c.dataset),
                    move |c, v| if let Some(d) = from_name::<DatasetKind>(v) {
                        c.dataset = d;
                        if d == DatasetKind::Drawn {
                            ui.drawing.set(true);
                            if c.drawn_points.is_empty() { c.drawn_points = vec![[0.5, 0.5]]; }
                        }
                    })}
                {choice(ui, runner.clone(), "loss", "Loss", losses, |c| name_of(&c.loss), |c, v| if let Some(l) = from_name(v) { c.loss = l })}
                {field(ui, runner.clone(), "gp", "Gradient penalty λ (WGAN-GP)", |c| c.gp_lambda.to_string(), |c, v| { c.gp_lambda = number(v)?; Ok(()) })}
                {field(ui, runner.clone(), "k-d", "kD: D updates per iteration", |c| c.d_steps.to_string(), |c, v| { c.d_steps = number(v)?; Ok(()) })}
                {field(ui, runner.clone(), "k-g", "kG: G updates per iteration", |c| c.g_steps.to_string(), |c, v| { c.g_steps = number(v)?; Ok(()) })}
                {field(ui, runner.clone(), "batch", "Batch size", |c| c.batch_size.to_string(), |c, v| { c.batch_size = number(v)?; Ok(()) })}
                {field(ui, runner.clone(), "seed", "Seed (applies at reset)", |c| c.seed.to_string(), |c, v| { c.seed = number(v)?; Ok(()) })}
                {choice(ui, runner.clone(), "noise", "Noise", noises, |c| name_of(&c.noise.kind), |c, v| if let Some(n) = from_name(v) { c.noise.kind = n })}
                {field(ui, runner.clone(), "noise-dim", "Noise dimension", |c| c.noise.dim.to_string(), |c, v| { c.noise.dim = number(v)?; Ok(()) })}
                {choice(ui, runner.clone(), "g-out", "Generator output", outputs, |c| name_of(&c.generator_output), |c, v| if let Some(o) = from_name(v) { c.generator_output = o })}
            </fieldset>
            {network(ui, runner.clone(), true)}
            {network(ui, runner, false)}
        </section>
    }
}
