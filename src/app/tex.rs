//! Formulas: LaTeX turned into MathML by pulldown-latex, typeset by the browser itself with the
//! Latin Modern fonts vendored in `www/math` (no script, no CDN).

use leptos::prelude::*;
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

/// MathML for `latex`; a formula that does not parse shows as an error in red (a bug of ours,
/// which the page's end-to-end test looks for).
pub fn mathml(latex: &str, block: bool) -> String {
    let storage = Storage::new();
    let parser = Parser::new(latex, &storage);
    let config = RenderConfig { display_mode: if block { DisplayMode::Block } else { DisplayMode::Inline }, ..Default::default() };
    let mut out = String::new();
    if push_mathml(&mut out, parser, config).is_err() {
        out = format!("<code>{latex}</code>");
    }
    out
}

/// A formula on its own line.
pub fn block(latex: impl Into<String>) -> impl IntoView {
    let html = mathml(&latex.into(), true);
    view! { <div class="formula" inner_html=html></div> }
}

/// A formula inside a sentence.
pub fn inline(latex: impl Into<String>) -> impl IntoView {
    let html = mathml(&latex.into(), false);
    view! { <span class="formula-inline" inner_html=html></span> }
}

/// A number for a formula: `digits` decimals, ∞ for infinity, and a real minus sign.
pub fn num(v: f64, digits: usize) -> String {
    if v.is_nan() {
        "\\text{NaN}".into()
    } else if v == f64::INFINITY {
        "\\infty".into()
    } else if v == f64::NEG_INFINITY {
        "-\\infty".into()
    } else {
        format!("{v:.digits$}")
    }
}
