//! The run's history, one point per read snapshot, and its CSV export.

use crate::snapshot::Snapshot;

/// One point of the run's history, for the charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    pub iteration: u64,
    pub d_loss: Option<f32>,
    pub g_loss: Option<f32>,
    pub js: Option<f64>,
    pub kl: Option<f64>,
    pub modes: Option<usize>,
}

impl HistoryPoint {
    pub fn of(s: &Snapshot) -> Self {
        Self {
            iteration: s.iteration,
            d_loss: s.d_loss,
            g_loss: s.g_loss,
            js: s.metrics.as_ref().map(|m| m.js),
            kl: s.metrics.as_ref().map(|m| m.kl),
            modes: s.metrics.as_ref().and_then(|m| m.modes_covered),
        }
    }
}

/// The history as CSV with a header row; a missing value is an empty field.
pub fn to_csv(history: &[HistoryPoint]) -> String {
    fn field<T: ToString>(v: Option<T>) -> String {
        v.map_or(String::new(), |v| v.to_string())
    }
    let mut out = String::from("iteration,d_loss,g_loss,js_bits,kl_bits,modes_covered\n");
    for p in history {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            p.iteration,
            field(p.d_loss),
            field(p.g_loss),
            field(p.js),
            field(p.kl),
            field(p.modes)
        ));
    }
    out
}
