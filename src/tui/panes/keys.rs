//! A pane's keys, declared once: each action the pane takes, in the order
//! its hint bar shows them, and whether the bar offers it now. The hint
//! bar, the help and the command palette all read this one table.

use super::NAVIGATE;
use crate::tui::keymap::Action;

/// One action of a pane's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub action: Action,
    /// Whether the hint bar offers it in the pane's present state.
    pub hinted: bool,
}

impl Key {
    /// An action on the hint bar while `now` holds, in the help always.
    pub fn hint(action: Action, now: bool) -> Key {
        Key {
            action,
            hinted: now,
        }
    }

    /// An action listed in the help only.
    pub fn help(action: Action) -> Key {
        Key {
            action,
            hinted: false,
        }
    }
}

/// The hint bar's actions: the table's hinted ones, in its order.
pub fn hinted(keys: &[Key]) -> Vec<Action> {
    keys.iter().filter(|k| k.hinted).map(|k| k.action).collect()
}

/// Whether an action does something in the pane: the organisation and
/// the movement keys everywhere, and what its table names.
pub fn listed(keys: &[Key], action: Action) -> bool {
    NAVIGATE.contains(&action) || keys.iter().any(|k| k.action == action)
}
