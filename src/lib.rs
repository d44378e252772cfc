//! Nastavnik: the curator's tool for school mentoring programs (ЦМН).
//!
//! Layers, bottom up: `domain` (pure types and rules), `store` (sled),
//! `exchange` (CSV and JSON in and out), `status`, `demo`; `reports` and
//! `paper` (the forms and the documents, as plain functions); `app`, the use
//! cases all three doors share; then `cli`, `tui` and the socket's server
//! (`serve`) on top.

pub mod app;
pub mod changes;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod fsutil;
pub mod i18n;
pub mod matching;
pub mod meetings;
pub mod paper;
pub mod reports;
pub mod roadmap;
pub mod schema;
pub mod serve;
pub mod status;
pub mod store;
pub mod surveys;
pub mod text;
pub mod tui;
