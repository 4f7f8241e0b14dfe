//! The configuration in the address bar: read once at start, rewritten on every change, so the
//! link in the address bar always reproduces what is on screen (see `link.rs` for the format).

use crate::{Config, link};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The configuration the URL asks for (hash first, then query), and what was wrong with it.
pub fn initial_config() -> (Config, Option<String>) {
    let Some(loc) = location() else { return (Config::default(), None) };
    let hash = loc.hash().unwrap_or_default();
    let query = if hash.len() > 1 { hash } else { loc.search().unwrap_or_default() };
    if query.len() <= 1 {
        return (Config::default(), None);
    }
    match link::from_query(&query) {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(format!("This link could not be used ({e}), so the playground opened with its default setup."))),
    }
}

/// Puts `config` in the address bar without adding a history entry.
pub fn write(config: &Config) {
    let Some(window) = web_sys::window() else { return };
    let query = link::to_query(config);
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() { path } else { format!("{path}#{query}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
