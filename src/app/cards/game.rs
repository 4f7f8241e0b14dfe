//! The min-max game: the value V(D, G) of the latest batch, the optimal discriminator
//! D* = p_data / (p_data + p_g), the equilibrium V = -log 4, D's loss against D* as
//! 2·log 2 - 2·JSD, and why G usually trains on the non-saturating loss instead.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::{Ui, tex};
use crate::config::LossKind;
use crate::explain;
use crate::theory;

#[component]
pub fn Game(ui: Ui) -> impl IntoView {
    let value = move || ui.shown.with(|s| s.as_ref().and_then(explain::game_value));
    let optimum = move || ui.shown.with(|s| s.as_ref().and_then(explain::optimum));
    let d_loss = move || ui.shown.with(|s| s.as_ref().and_then(|s| s.d_loss).map(f64::from));
    let push = move || ui.shown.with(|s| s.as_ref().and_then(explain::generator_push));
    let running = move || ui.config.with(|c| c.loss);
    // D and D* at the sample the information card picked.
    let at_pick = move || {
        ui.shown.with(|s| {
            let s = s.as_ref()?;
            let t = explain::term(s, ui.picked.get().0, ui.picked.get().1)?;
            let star = s.metrics.as_ref()?.optimal_discriminator_at(t.point) as f64;
            Some((t.d, star))
        })
    };
    view! {
        <Card ui=ui id="card-game" title="The min-max game">
            <p>"D maximises V, G minimises it: the game of the original GAN paper."</p>
            {tex::block(r"\min_G \max_D V(D, G) = \mathbb{E}_{x \sim p_{data}}\left[\log D(x)\right] + \mathbb{E}_{z \sim p_z}\left[\log\left(1 - D(G(z))\right)\right]")}
            <dl class="numbers">
                <dt>"V on the latest batch"</dt><dd id="game-value">{move || show(value(), 4)}" nats"</dd>
                <dt>"V at equilibrium"</dt><dd>{show(Some(theory::EQUILIBRIUM_VALUE), 4)}" = −log 4"</dd>
            </dl>
            <p>"For a fixed G, the best D answers with the share of the density that is real:"</p>
            {tex::block(r"D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}")}
            <p>
                "Estimated from histograms of the data and of G's samples, at the picked sample: D(x) = "
                <strong>{move || show(at_pick().map(|v| v.0), 3)}</strong>", D*(x) = "
                <strong id="game-d-star">{move || show(at_pick().map(|v| v.1), 3)}</strong>
                ". When G matches the data, D* = ½ everywhere and V = −log 4."
            </p>
            <p>"Against D*, D's loss measures the Jensen-Shannon divergence between the data and G:"</p>
            {tex::block(r"L_{D^*} = 2\log 2 - 2\,\mathrm{JSD}(p_{data} \,\|\, p_g)")}
            <dl class="numbers">
                <dt>"JSD now (grid estimate)"</dt><dd>{move || show(optimum().map(|o| o.js_nats), 4)}" nats"</dd>
                <dt>"D*'s loss"</dt><dd id="game-optimal-loss">{move || show(optimum().map(|o| o.d_loss), 4)}</dd>
                <dt>"D's loss now"</dt><dd>{move || show(d_loss(), 4)}</dd>
            </dl>
            <h3>"Why G's loss saturates"</h3>
            <p>
                "Early on D rejects the fakes easily, D(G(z)) ≈ 0. There log(1 − D(G(z))) is flat: the minimax loss
                 gives G almost no gradient. The non-saturating loss has the same fixed point and pushes hardest exactly then:"
            </p>
            {tex::block(r"\min_G\ \mathbb{E}_z\left[\log(1 - D(G(z)))\right] \quad\longrightarrow\quad \min_G\ -\mathbb{E}_z\left[\log D(G(z))\right]")}
            {move || match push() {
                None => view! { <p class="muted">"(For the minimax and non-saturating losses, once G has been updated.)"</p> }.into_any(),
                Some(p) => view! {
                    <p>
                        "On G's latest batch, mean D(G(z)) = "<strong>{show(Some(p.mean_d_fake), 3)}</strong>
                        ". Per unit of D's logit, the minimax loss pushes G with "<strong id="game-push-minimax">{show(Some(p.minimax), 3)}</strong>
                        ", the non-saturating loss with "<strong id="game-push-ns">{show(Some(p.non_saturating), 3)}</strong>"."
                    </p>
                }.into_any(),
            }}
            <p class="muted">{move || format!("This run uses the {} loss.", match running() {
                LossKind::Minimax => "minimax",
                LossKind::NonSaturating => "non-saturating",
                LossKind::LeastSquares => "least-squares",
                LossKind::WassersteinGp => "Wasserstein (gradient penalty)",
            })}</p>
        </Card>
    }
}
