//! Feedback questionnaires: the shipped templates (analysis comes with the
//! surveys pane).

pub mod builtin;
