//! Entry point: install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bia::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // The app runs in a browser; natively only the core and its tests are built.
    eprintln!("Bia is a web app: build it with `trunk build --release`.");
}
