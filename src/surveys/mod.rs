//! Feedback questionnaires: the shipped templates and the analysis that
//! monitoring and the reports read.

pub mod analysis;
pub mod builtin;
pub mod text_form;
