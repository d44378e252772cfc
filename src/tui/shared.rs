//! What every pane reads and none owns: the data as last loaded, the
//! warnings computed from it, the settings it is judged by, the language
//! and the key map (oxker's «app data», apart from what each pane shows).

use super::keymap::Keymap;
use crate::domain::*;
use crate::i18n::Lang;
use crate::status::{Status, Target, Warning};
use crate::store::HistoryEntry;

pub struct Shared {
    pub lang: Lang,
    pub keymap: Keymap,
    pub data: Dataset,
    pub timelines: Timelines,
    pub status: Status,
    /// The date and thresholds the warnings are judged by.
    pub status_opts: crate::status::Options,
    /// Weights, minimum score and the date ages are counted on.
    pub match_opts: crate::matching::Options,
    /// The organisation the panes show (None: all of them).
    pub org_filter: Option<Id>,
    /// The change history of the record whose card is open, and which
    /// record that is (reloaded after every change).
    pub history: Vec<HistoryEntry>,
    pub history_of: Option<(crate::store::EntityKind, crate::domain::Id)>,
    /// The height of the list area at the last draw, for paging.
    pub page: usize,
    /// The terminal's width at the last draw (reports are laid out to it).
    pub term_width: u16,
    pub no_color: bool,
    /// Bumped on every reload, so that caches know they are stale.
    pub version: u64,
}

impl Shared {
    /// Whether a record of `org` shows under the organisation filter.
    pub fn shows_org(&self, org: Id) -> bool {
        self.org_filter.is_none_or(|o| o == org)
    }

    /// The only organisation, when there is just one.
    pub fn single_org(&self) -> Option<Id> {
        let mut live = self.data.orgs.values().filter(|o| !o.archived);
        match (live.next(), live.next()) {
            (Some(o), None) => Some(o.id),
            _ => None,
        }
    }

    /// The warnings of the organisation shown.
    pub fn visible_warnings(&self) -> Vec<&Warning> {
        let d = &self.data;
        self.status
            .warnings
            .iter()
            .filter(|w| match w.target {
                Target::Unit(id) => d.units.get(&id).is_none_or(|u| self.shows_org(u.org_id)),
                Target::Mentor(id) => d.mentors.get(&id).is_none_or(|m| self.shows_org(m.org_id)),
                Target::Roadmap(id) => d.roadmap.get(&id).is_none_or(|r| self.shows_org(r.org_id)),
            })
            .collect()
    }

    /// The organisation new records go to.
    pub fn default_org_id(&self) -> Id {
        self.data.default_org().map_or(0, |o| o.id)
    }
}
