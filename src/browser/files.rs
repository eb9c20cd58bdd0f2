//! Files the user keeps: a generated text saved as a download, and a chosen file read as text.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Why a file could not be saved or read; the text is the browser's own description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    SaveFailed(String),
    ReadFailed(String),
}

impl crate::core::text::FillValue for FileError {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            FileError::SaveFailed(why) | FileError::ReadFailed(why) => why.into(),
        }
    }
}

/// What a failed browser call says about itself: its message, or its text.
fn describe(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Offers `text` as a file named `filename` (the browser saves it as a download).
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), FileError> {
    save(filename, mime, text).map_err(|e| FileError::SaveFailed(describe(e)))
}

fn save(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    // Some browsers start the download after the click returns: free the text a little later.
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The whole text of a file the user chose.
pub async fn read_text(file: &File) -> Result<String, FileError> {
    match file.text().await {
        Ok(text) => text
            .as_string()
            .ok_or_else(|| FileError::ReadFailed("not text".into())),
        Err(e) => Err(FileError::ReadFailed(describe(e))),
    }
}
