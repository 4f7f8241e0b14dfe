//! Where the tensors live: WebGPU / native GPU through Burn's wgpu backend when there is one,
//! Burn's pure-Rust CPU backend (Flex) otherwise.

use burn::tensor::Device;

/// The kind of backend a trainer runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendKind {
    /// Burn's Flex backend on the CPU (in the browser: WebAssembly).
    Cpu,
    /// Burn's wgpu backend: WebGPU in a browser, Vulkan/Metal/DX12 natively.
    Wgpu,
}

impl BackendKind {
    /// The name the page's status element carries (`data-backend`).
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Cpu => "cpu",
            BackendKind::Wgpu => if cfg!(target_arch = "wasm32") { "webgpu" } else { "wgpu" },
        }
    }
}

/// The CPU device, with autodiff.
pub fn cpu() -> Device {
    Device::flex().autodiff()
}

/// Whether this build has the wgpu backend (always in the browser; natively with the `wgpu`
/// feature).
pub const HAS_WGPU: bool = cfg!(any(feature = "wgpu", target_arch = "wasm32"));

#[cfg(any(feature = "wgpu", target_arch = "wasm32"))]
mod gpu {
    use super::Device;
    use std::sync::Mutex;

    /// The wgpu runtime initialises once per process; the outcome is kept, failure included.
    static WGPU: Mutex<Option<Result<Device, String>>> = Mutex::new(None);

    /// The wgpu device with autodiff, initialising it on first use. Safe to call again: later
    /// calls return the same device (or the same error).
    pub async fn wgpu() -> Result<Device, String> {
        if let Some(done) = WGPU.lock().expect("not poisoned").as_ref() {
            return done.clone();
        }
        let result = Device::wgpu_options()
            .init_async()
            .await
            .map(Device::autodiff)
            .map_err(|e| format!("{e}"));
        let mut slot = WGPU.lock().expect("not poisoned");
        slot.get_or_insert(result).clone()
    }
}

#[cfg(any(feature = "wgpu", target_arch = "wasm32"))]
pub use gpu::wgpu;

/// The device for `kind`: `Err` with the reason when it cannot be had.
pub async fn device(kind: BackendKind) -> Result<Device, String> {
    match kind {
        BackendKind::Cpu => Ok(cpu()),
        #[cfg(any(feature = "wgpu", target_arch = "wasm32"))]
        BackendKind::Wgpu => wgpu().await,
        #[cfg(not(any(feature = "wgpu", target_arch = "wasm32")))]
        BackendKind::Wgpu => Err("this build has no wgpu backend: rebuild with `--features wgpu`".into()),
    }
}
