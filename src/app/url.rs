//! The configuration in the address bar: read once at start, rewritten on every change, so the
//! link in the address bar always reproduces what is on screen (see `link.rs` for the format).

use crate::link::Link;
use crate::{Config, link};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The share link the URL holds (hash first, then query), and what was wrong with it.
pub fn initial_link() -> (Link, Option<String>) {
    let Some(loc) = location() else { return (Link::default(), None) };
    let hash = loc.hash().unwrap_or_default();
    let query = if hash.len() > 1 { hash } else { loc.search().unwrap_or_default() };
    if query.len() <= 1 {
        return (Link::default(), None);
    }
    match Link::parse(&query) {
        Ok(link) => (link, None),
        Err(e) => (Link::default(), Some(format!("This link could not be used ({e}), so the playground opened with its default setup."))),
    }
}

/// The page's address with `link` as its hash: what the share button copies.
pub fn share_url(link: &Link) -> String {
    let Some(loc) = location() else { return String::new() };
    format!("{}{}#{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default(), link.to_query())
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
