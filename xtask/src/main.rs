//! `cargo xtask serve`, `cargo xtask test` and `cargo xtask bench`: each first installs what a
//! fresh machine lacks (the wasm target, wasm-bindgen-cli at the locked version, trunk, Chromium
//! and ChromeDriver), then serves the playground, runs every test (native and in the browser), or
//! runs the benchmark against TF.js.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&root, &args[1..]),
        Some("test") => test(&root, &args[1..]),
        Some("bench") => bench(&root, &args[1..]),
        Some("build") => build(&root),
        Some("setup") => setup(&root, Needs { trunk: true, browser: true }),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve|test|build|bench|setup>\n  \
                 serve [trunk args]   install what is missing, then `trunk serve`\n  \
                 test [--native]      install what is missing, then run every test (--native: skip the browser)\n  \
                 build                build the page for a static host (trunk build --release, into dist/)\n  \
                 bench [run.mjs args] build the page, then train GAN Lab's ring on ganplay and TF.js (bench/run.mjs)\n  \
                 setup                only install what is missing"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Needs {
    trunk: bool,
    browser: bool,
}

fn serve(root: &Path, trunk_args: &[String]) -> Result<(), String> {
    setup(root, Needs { trunk: true, browser: false })?;
    run(Command::new("trunk").arg("serve").args(trunk_args).current_dir(root))
}

fn test(root: &Path, args: &[String]) -> Result<(), String> {
    let native_only = args.iter().any(|a| a == "--native");
    setup(root, Needs { trunk: !native_only, browser: !native_only })?;
    step("native tests: cargo test");
    run(Command::new("cargo").args(["test", "--workspace"]).current_dir(root))?;
    if native_only {
        return Ok(());
    }
    // The page's profile (Trunk.toml), so the wasm tests and the page share one set of
    // compiled crates.
    step("browser tests of the core: WebGPU and CPU in headless Chromium (wasm-bindgen-test)");
    let chromedriver = which("chromedriver").ok_or("chromedriver is missing")?;
    run(Command::new("cargo")
        .args(["test", "--profile", "web", "--target", WASM_TARGET, "--test", "web"])
        .env("CHROMEDRIVER", chromedriver)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("webdriver.json"))
        // The first WebGPU step compiles shaders on SwiftShader (a CPU): give it minutes.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "900")
        .current_dir(root))?;
    build_page(root)?;
    step("end-to-end tests of the page (Playwright, headless Chromium)");
    let e2e = root.join("tests/e2e");
    npm_ci(&e2e, "playwright-core")?;
    run(Command::new("node").args(["--test", "--test-concurrency=1", "page.test.mjs"]).current_dir(&e2e))?;
    // The benchmark, short, so it cannot rot: every backend must train and report a figure
    // (no timing is asserted).
    step("the benchmark, short: ganplay (WebGPU, CPU) and TF.js (wasm, cpu, webgl, webgpu)");
    run_bench(root, &["--seconds", "1", "--every", "5"].map(String::from))
}

fn build(root: &Path) -> Result<(), String> {
    setup(root, Needs { trunk: true, browser: false })?;
    build_page(root)
}

/// `trunk build --release` into dist/, with the pinned wasm-opt (xtask/npm) on PATH: trunk is
/// offline, so it uses that one or fails rather than download another.
fn build_page(root: &Path) -> Result<(), String> {
    let tools = root.join("xtask/npm");
    npm_ci(&tools, "binaryen")?;
    let mut path = vec![tools.join("node_modules/.bin")];
    path.extend(std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>()).unwrap_or_default());
    let path = std::env::join_paths(path).map_err(|e| format!("PATH: {e}"))?;
    step("the page: trunk build --release (then wasm-opt -Oz, about two minutes)");
    run(Command::new("trunk").args(["build", "--release"]).env("PATH", path).current_dir(root))
}

fn bench(root: &Path, args: &[String]) -> Result<(), String> {
    setup(root, Needs { trunk: true, browser: true })?;
    build_page(root)?;
    run_bench(root, args)
}

/// `node bench/run.mjs args` against the built `dist/`, installing its npm packages first.
fn run_bench(root: &Path, args: &[String]) -> Result<(), String> {
    let dir = root.join("bench");
    npm_ci(&dir, "playwright-core")?;
    run(Command::new("node").arg("run.mjs").args(args).current_dir(&dir))
}

/// Installs a folder's pinned npm packages (package-lock.json) unless `package` is there.
fn npm_ci(dir: &Path, package: &str) -> Result<(), String> {
    if which("npm").is_none() {
        return Err("the release build, the browser tests and the benchmark need Node.js and npm".into());
    }
    if !dir.join("node_modules").join(package).is_dir() {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))?;
    }
    Ok(())
}

/// Installs whatever is missing.
fn setup(root: &Path, needs: Needs) -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        step("installing the wasm32 target");
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    let bindgen = locked_version(root, "wasm-bindgen")?;
    if !output(Command::new("wasm-bindgen").arg("--version")).is_some_and(|v| v.contains(&bindgen)) {
        step(&format!("installing wasm-bindgen-cli {bindgen} (the version in Cargo.lock)"));
        // Not --locked: one of its locked dependencies is missing from some registry mirrors.
        run(Command::new("cargo").args(["install", "--force", &format!("wasm-bindgen-cli@{bindgen}")]))?;
    }
    if needs.trunk && !output(Command::new("trunk").arg("--version")).is_some_and(|v| v.contains(TRUNK_VERSION)) {
        step(&format!("installing trunk {TRUNK_VERSION}"));
        run(Command::new("cargo").args(["install", "--locked", &format!("trunk@{TRUNK_VERSION}")]))?;
    }
    if needs.browser && (which("chromium").is_none() || which("chromedriver").is_none()) {
        step("installing Chromium and ChromeDriver (Debian packages)");
        if which("apt-get").is_none() {
            return Err("install Chromium and a matching ChromeDriver, and put both on PATH".into());
        }
        let sudo = if output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0") { vec![] } else { vec!["sudo"] };
        let apt = |args: &[&str]| {
            let mut all = sudo.clone();
            all.push("apt-get");
            all.extend_from_slice(args);
            run(Command::new(all[0]).args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive"))
        };
        apt(&["update", "-q"])?;
        apt(&["install", "-y", "-q", "chromium", "chromium-driver"])?;
    }
    Ok(())
}

/// The version of `package` that Cargo.lock pins.
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let header = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == header
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_string());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(program)).find(|p| p.is_file()))
}

fn output(cmd: &mut Command) -> Option<String> {
    cmd.output().ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("{:?}: {e}", cmd.get_program()))?;
    if status.success() { Ok(()) } else { Err(format!("{:?} {:?} failed ({status})", cmd.get_program(), cmd.get_args().collect::<Vec<_>>())) }
}

fn step(what: &str) {
    eprintln!("\n==> {what}");
}
