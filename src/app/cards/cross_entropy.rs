//! Cross-entropy H(P, Q) = -Σ P(xᵢ) log Q(xᵢ) and KL(P ‖ Q) = H(P, Q) - H(P): the extra cost of
//! describing P's outcomes with Q. Both editable; then P = the true labels and Q = D's answers.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::bars::{Bars, normalised};
use crate::app::{Ui, tex};
use crate::explain::{self, Label};
use crate::theory;

const W: f64 = 240.0;

#[component]
pub fn CrossEntropy(ui: Ui) -> impl IntoView {
    let p_weights = RwSignal::new(vec![0.5, 0.25, 0.125, 0.125]);
    let q_weights = RwSignal::new(vec![0.25, 0.25, 0.25, 0.25]);
    let numbers = move || {
        let (p, q, unit) = (normalised(&p_weights.get()), normalised(&q_weights.get()), ui.unit.get());
        (theory::entropy(&p, unit), theory::cross_entropy(&p, &q, unit), theory::kl_divergence(&p, &q, unit))
    };
    // The bar: H(P) solid, the extra KL after it; an infinite KL fills the rest of the bar.
    let bar = move || {
        let (h, ce, kl) = numbers();
        let (h_w, kl_w) = if ce.is_finite() {
            let scale = W / ce.max(1e-9);
            (h * scale, kl * scale)
        } else {
            (W / 2.0, W / 2.0)
        };
        view! {
            <svg class="extra-bits" viewBox=format!("0 0 {W} 18") role="img" aria-label="H(P), then the extra cost of coding with Q">
                <rect class="p" x="0" y="2" width=h_w height="14" />
                <rect class="kl" x=h_w y="2" width=kl_w height="14" />
                <text x=W - 4.0 y="14" text-anchor="end">{if kl.is_finite() { "" } else { "∞" }}</text>
            </svg>
        }
    };
    let batch = move || {
        ui.shown.with(|s| {
            let s = s.as_ref()?;
            let n = s.real.len().min(s.real_logits.len());
            if n == 0 || !matches!(s.loss, crate::config::LossKind::Minimax | crate::config::LossKind::NonSaturating) {
                return None;
            }
            let half = |label| explain::terms(s, n).iter().filter(|t| t.label == label).map(|t| t.term).sum::<f64>() / n as f64;
            Some((half(Label::Real), half(Label::Fake), s.d_loss))
        })
    };
    let per_nat = move || ui.unit.get().per_nat();
    let sym = move || ui.unit.get().symbol();
    view! {
        <Card ui=ui id="card-cross-entropy" title="Cross-entropy and KL: the cost of the wrong model">
            <p>
                "P is the truth, Q our model of it. Cross-entropy counts the "{sym}
                " spent describing P's outcomes with a code built for Q; the part above P's own entropy is the
                 Kullback-Leibler divergence, the extra paid for using Q instead of P. Drag both."
            </p>
            {tex::block(r"H(P, Q) = -\sum_{i=1}^{n} P(x_i)\,\log Q(x_i), \qquad D_{KL}(P \,\|\, Q) = H(P, Q) - H(P)")}
            <div class="two-bars">
                <figure><figcaption>"P (target)"</figcaption><Bars id="ce-p-bars" weights=p_weights class="p" /></figure>
                <figure><figcaption>"Q (approximation)"</figcaption><Bars id="ce-q-bars" weights=q_weights class="q" /></figure>
            </div>
            <dl class="numbers">
                <dt>"H(P)"</dt><dd id="ce-h">{move || show(Some(numbers().0), 3)}" "{sym}</dd>
                <dt>"H(P, Q)"</dt><dd id="ce-value">{move || show(Some(numbers().1), 3)}" "{sym}</dd>
                <dt>"KL, the extra"</dt><dd id="ce-kl">{move || show(Some(numbers().2), 3)}" "{sym}</dd>
            </dl>
            {bar}
            <p class="muted">"Where Q gives probability 0 to an outcome P can produce, that outcome cannot be coded at all: the cost is infinite."</p>
            <h3>"The same with D"</h3>
            <p>
                "For each sample, P is the true label (real: P(real) = 1; fake: P(fake) = 1) and Q is D's answer
                 (D(x), 1 − D(x)). P is certain, so H(P) = 0 and the cross-entropy is all KL: "
                {tex::inline(r"H(P, Q) = -\log D(x)")}" for a real sample, "
                {tex::inline(r"-\log(1 - D(x))")}" for a fake."
            </p>
            {move || match batch() {
                None => view! { <p class="muted">"(Shown for the minimax and non-saturating losses, where D(x) is a probability.)"</p> }.into_any(),
                Some((real, fake, used)) => view! {
                    <dl class="numbers">
                        <dt>"mean H, real half"</dt><dd>{show(Some(real * per_nat()), 4)}" "{sym}</dd>
                        <dt>"mean H, fake half"</dt><dd>{show(Some(fake * per_nat()), 4)}" "{sym}</dd>
                        <dt>"sum, in nats"</dt><dd id="ce-batch">{show(Some(real + fake), 4)}</dd>
                        <dt>"D loss used"</dt><dd>{show(used.map(f64::from), 4)}</dd>
                    </dl>
                    <p>"The two halves add up to D's loss: minimising cross-entropy is what training D means."</p>
                }.into_any(),
            }}
        </Card>
    }
}
