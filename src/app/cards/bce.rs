//! The discriminator's loss: binary cross-entropy, the label-1 and label-0 cases, the combined
//! loss, and a table of samples of the latest batch whose terms add up to the loss the
//! optimiser used on that step.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::{Ui, tex};
use crate::config::LossKind;
use crate::explain::{self, Label};

/// Samples of each label in the table.
const ROWS: usize = 4;

#[component]
pub fn Bce(ui: Ui) -> impl IntoView {
    let loss = move || ui.shown.with(|s| s.as_ref().map(|s| s.loss));
    let formulas = move || match loss() {
        Some(LossKind::LeastSquares) => view! {
            <p>"This run uses the least-squares loss (LSGAN): D's output is pushed to 1 on real points and to 0 on fakes."</p>
            {tex::block(r"L_D = \frac{1}{2n}\sum_{i=1}^{n} \left(D(x_i) - 1\right)^2 + \frac{1}{2n}\sum_{i=1}^{n} D(G(z_i))^2")}
        }
        .into_any(),
        Some(LossKind::WassersteinGp) => view! {
            <p>"This run uses the Wasserstein critic with a gradient penalty (WGAN-GP): D scores, it does not guess probabilities."</p>
            {tex::block(r"L_D = \frac{1}{n}\sum_{i=1}^{n} D(G(z_i)) - \frac{1}{n}\sum_{i=1}^{n} D(x_i) + \lambda\,\frac{1}{n}\sum_{i=1}^{n}\left(\lVert \nabla D(\hat{x}_i) \rVert - 1\right)^2")}
        }
        .into_any(),
        _ => view! {
            <p>"D answers \"real or fake?\" with a probability ŷ = D(x), and is scored by binary cross-entropy: the labels are y = 1 for real and y = 0 for fake."</p>
            {tex::block(r"\text{BCE} = -\frac{1}{n}\sum_{i=1}^{n}\left[y_i \log \hat{y}_i + (1 - y_i)\log(1 - \hat{y}_i)\right]")}
            <div class="cases">
                <div><span class="real">"label 1 (real): "</span>{tex::inline(r"-\log \hat{y}_i")}</div>
                <div><span class="fake">"label 0 (fake): "</span>{tex::inline(r"-\log(1 - \hat{y}_i)")}</div>
            </div>
            <p>"With n real points and n fakes, D's loss, combined:"</p>
            {tex::block(r"L_D = -\frac{1}{n}\sum_{i=1}^{n}\left[\log D(x_i) + \log\left(1 - D(G(z^{(i)}))\right)\right]")}
        }
        .into_any(),
    };
    let table = move || {
        ui.shown.with(|s| {
            let s = s.as_ref()?;
            let rows = explain::terms(s, ROWS);
            if rows.is_empty() {
                return None;
            }
            let n = s.real.len();
            let all = explain::terms(s, n);
            let half = |label| all.iter().filter(|t| t.label == label).map(|t| t.term).sum::<f64>() / n as f64;
            let (real, fake, penalty) = (half(Label::Real), half(Label::Fake), explain::gradient_penalty(s));
            Some((rows, real, fake, penalty, explain::discriminator_loss(s), s.d_loss, n))
        })
    };
    view! {
        <Card ui=ui id="card-bce" title="D's loss: binary cross-entropy" open=true>
            {formulas}
            {move || match table() {
                None => view! { <p class="muted">"Train a D step to fill the table."</p> }.into_any(),
                Some((rows, real, fake, penalty, shown, used, n)) => view! {
                    <table class="terms" id="bce-table">
                        <thead><tr><th>"sample"</th><th>"y"</th><th>"ŷ = D(x)"</th><th>"term"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|t| view! {
                                <tr class=if t.label == Label::Real { "real" } else { "fake" }>
                                    <td>{format!("{} #{}", if t.label == Label::Real { "real" } else { "fake" }, t.index + 1)}</td>
                                    <td>{if t.label == Label::Real { "1" } else { "0" }}</td>
                                    <td>{show(Some(t.d), 4)}</td>
                                    <td>{show(Some(t.term), 4)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="muted">{format!("… {n} real and {n} fake samples in all.")}</p>
                    <dl class="numbers">
                        <dt>"mean of the real terms"</dt><dd>{show(Some(real), 5)}</dd>
                        <dt>"mean of the fake terms"</dt><dd>{show(Some(fake), 5)}</dd>
                        {penalty.map(|p| view! { <dt>"gradient penalty"</dt><dd>{show(Some(p), 5)}</dd> })}
                        <dt>"D's loss, from the formula"</dt><dd id="bce-sum">{show(shown, 5)}</dd>
                        <dt>"the loss the optimiser used"</dt><dd id="bce-used">{show(used.map(f64::from), 5)}</dd>
                    </dl>
                }.into_any(),
            }}
        </Card>
    }
}
