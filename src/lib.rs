//! beltscope: assess the cross-border e-commerce supply chain ecosystem of a regional
//! industrial belt — entropy weights, circle scores, coupling coordination, obstacle degrees and
//! the countermeasures for the weak dimensions.
//!
//! Data flows one way: files → [`model`] → [`engine`] → [`engine::Assessment`] → views.

pub mod cli;
pub mod diag;
pub mod engine;
pub mod files;
pub mod messages;
pub mod model;
pub mod output;
pub mod report;
pub mod textfmt;
pub mod tui;
