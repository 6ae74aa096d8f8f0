//! beltscope: assess the cross-border e-commerce supply chain ecosystem of a regional
//! industrial belt — entropy weights, circle scores, coupling coordination, obstacle degrees and
//! the countermeasures for the weak dimensions.
//!
//! Data flows one way: files → [`model`] → [`engine`] → [`engine::Assessment`] → views.
//! Layers, lowest first (each uses only those below it): base (`lang`, `diag`, `textfmt`,
//! `error`, `par`) → `model` → `engine` → `files` → views (`output`, `framework_doc`, `report`, `tui`) → `cli`.

pub mod aggregate_json;
pub mod aggregate_text;
pub mod cli;
pub mod diag;
pub mod dynamics_json;
pub mod dynamics_text;
pub mod engine;
pub mod error;
pub mod files;
pub mod framework_doc;
mod json_pretty;
pub mod lang;
pub mod messages;
pub mod model;
pub mod names;
pub mod output;
pub mod panel_view;
pub mod par;
pub mod report;
mod score_json;
mod scoring;
pub mod sensitivity_view;
pub mod textfmt;
pub mod tui;
