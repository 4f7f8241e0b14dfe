//! `ganplay`: natively, the command-line trainer; in the browser, the page.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
unsafe extern "C" {
    /// The linker's function that runs every static constructor (cubecl registers its IR with
    /// `inventory` in such constructors).
    fn __wasm_call_ctors();
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // Run the constructors once, here. Without an explicit call the linker treats the module as
    // a "command" and re-runs every constructor at the start of every call from JavaScript into
    // the module: a fifth of the page's time went there (see inventory's docs on WebAssembly).
    // SAFETY: called once, before anything reads what the constructors register; inventory's
    // constructors are idempotent besides.
    unsafe { __wasm_call_ctors() };
    ganplay::app::start();
}
