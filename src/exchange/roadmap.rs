//! A roadmap table (the district's «дорожная карта» as CSV) into an
//! organisation's roadmap: checked whole first, then stored in one change
//! that archives the roadmap it replaces (its marks stay in the archive).
//! With no organisation yet, the default one is created, as for the bases.

use super::import::{resolve_org, Options, OrgTarget};
use super::{table, RowError};
use crate::domain::*;
use crate::store::{Deed, Store, StoreError};
use crate::tr;

/// What the file would do.
pub struct RoadmapPlan {
    pub items: Vec<RoadmapItem>,
    pub sections: usize,
    /// «3.3: "по отдельному плану"»: deadlines kept as text, not dates.
    pub unparsed: Vec<String>,
    /// The items of the roadmap there now, archived on storing.
    pub replaced: Vec<Id>,
    pub encoding: &'static str,
    /// The name of the organisation created for it, if there was none.
    pub new_org: Option<String>,
    org: OrgTarget,
}

/// Reads the table; an error of the file when it holds no roadmap table.
pub fn plan(
    ds: &Dataset,
    bytes: &[u8],
    opts: &Options,
) -> Result<RoadmapPlan, super::import::ImportError> {
    let (text, encoding) = table::decode(bytes);
    let parsed = crate::roadmap::import::parse(&text);
    if parsed.items.is_empty() {
        return Err(super::import::ImportError::Rows(vec![RowError::file(tr!(
            opts.lang,
            "таблица дорожной карты не найдена: нужна строка заголовка с «Наименование мероприятий» и пункты с номерами",
            "no roadmap table: a header row naming «Наименование мероприятий» and numbered items are needed"
        ))]));
    }
    let org = resolve_org(ds, opts)?;
    let (replaced, new_org) = match &org {
        OrgTarget::Existing(id) => (
            ds.roadmap
                .values()
                .filter(|i| i.org_id == *id && !i.archived)
                .map(|i| i.id)
                .collect(),
            None,
        ),
        OrgTarget::New(o) => (Vec::new(), Some(o.name.clone())),
    };
    let sections: std::collections::BTreeSet<&str> =
        parsed.items.iter().map(|i| i.section.as_str()).collect();
    Ok(RoadmapPlan {
        sections: sections.len(),
        items: parsed.items,
        unparsed: parsed.unparsed,
        replaced,
        encoding,
        new_org,
        org,
    })
}

/// Stores the plan as one change (one undo).
pub fn store(store: &Store, plan: &RoadmapPlan) -> Result<(), StoreError> {
    store.write_as(Deed::Import, |tx| {
        let org_id = match &plan.org {
            OrgTarget::Existing(id) => *id,
            OrgTarget::New(o) => tx.insert(&mut (**o).clone())?,
        };
        for id in &plan.replaced {
            tx.set_archived::<RoadmapItem>(*id, true)?;
        }
        for item in &plan.items {
            tx.insert(&mut RoadmapItem {
                org_id,
                ..item.clone()
            })?;
        }
        Ok(())
    })
}
