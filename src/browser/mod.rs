//! Thin wrappers over web APIs, one per file. Each degrades quietly where the API is missing.

pub mod clock;
