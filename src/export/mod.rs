//! Outputs for people and scripts: JSON contracts, text listings, the HTML redline, position tables.

pub mod compilation;
pub mod docx;
pub mod html;
pub mod json;
pub mod listing;
pub mod table;
