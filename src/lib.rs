//! moderato: a terminal companion for facilitators of live workshops.

pub mod agenda;
pub mod app;
pub mod core;
pub mod error;
pub mod export;
pub mod i18n;
pub mod plan;
pub mod platform;
pub mod serve;
pub mod store;
pub mod ui;
