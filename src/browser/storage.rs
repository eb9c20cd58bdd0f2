//! localStorage, with every way it can fail named: disabled (private mode, SecurityError),
//! full (QuotaExceededError), or anything else.

use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Quota,
    Other(String),
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn available() -> bool {
    local_storage().is_some()
}

/// The stored text under `key`; `Err` when storage cannot be read at all.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.get_item(key).map_err(|_| StorageError::Unavailable)
}

pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.set_item(key, value).map_err(|err| {
        match err.dyn_ref::<DomException>().map(|e| e.name()) {
            Some(name) if name.to_ascii_lowercase().contains("quota") => StorageError::Quota,
            Some(name) => StorageError::Other(name),
            None => StorageError::Other(format!("{err:?}")),
        }
    })
}
