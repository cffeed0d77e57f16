//! Gloss: read, annotate, share and compare negotiated texts.
//!
//! Data flows one way: [`ingest`] (bytes → clean text → blocks) → [`store`]
//! (documents, paragraphs, stable ids) → [`annotate`] / [`compare`] → [`export`] and `ui`.

pub mod annotate;
pub mod compare;
pub mod export;
pub mod fsutil;
pub mod ingest;
pub mod store;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
