//! Bia: a hip-strengthening routine trainer. `core` is plain Rust; `browser` and `ui` exist only on wasm.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
