//! The per-unit meeting timeline: a compact list of meeting briefs per pair
//! or group, kept in the same transaction as the meetings themselves so that
//! status and the meeting pane never walk the whole meeting log.

use crate::domain::meeting::{place_brief, MeetingBrief};
use crate::domain::{Id, MeetingKind};
use chrono::NaiveDate;

/// id (8) + days since CE (4) + kind (1) + flags (1).
const ENTRY: usize = 14;

pub fn encode(timeline: &[MeetingBrief]) -> Vec<u8> {
    let mut out = Vec::with_capacity(timeline.len() * ENTRY);
    for b in timeline {
        out.extend_from_slice(&b.id.to_be_bytes());
        out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&b.date).to_be_bytes());
        out.push(
            MeetingKind::ALL
                .iter()
                .position(|k| *k == b.kind)
                .unwrap_or(0) as u8,
        );
        out.push(u8::from(b.feedback_given) | (u8::from(b.archived) << 1));
    }
    out
}

pub fn decode(bytes: &[u8]) -> Vec<MeetingBrief> {
    bytes
        .chunks_exact(ENTRY)
        .filter_map(|c| {
            let id = Id::from_be_bytes(c[0..8].try_into().ok()?);
            let days = i32::from_be_bytes(c[8..12].try_into().ok()?);
            Some(MeetingBrief {
                id,
                date: NaiveDate::from_num_days_from_ce_opt(days)?,
                kind: *MeetingKind::ALL.get(c[12] as usize)?,
                feedback_given: c[13] & 1 != 0,
                archived: c[13] & 2 != 0,
            })
        })
        .collect()
}

/// Applies a meeting's change to the encoded timelines it touches: removed
/// from its old unit, placed in its new one.
pub fn apply(
    old: Option<(Id, Vec<MeetingBrief>)>,
    unit: Id,
    mut current: Vec<MeetingBrief>,
    brief: MeetingBrief,
) -> Vec<(Id, Vec<MeetingBrief>)> {
    let mut out = Vec::new();
    if let Some((old_unit, mut old_list)) = old {
        if old_unit != unit {
            old_list.retain(|b| b.id != brief.id);
            out.push((old_unit, old_list));
        }
    }
    place_brief(&mut current, brief);
    out.push((unit, current));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briefs_round_trip() {
        let b = MeetingBrief {
            id: 7,
            date: NaiveDate::from_ymd_opt(2025, 3, 4).unwrap(),
            kind: MeetingKind::Final,
            feedback_given: true,
            archived: true,
        };
        assert_eq!(decode(&encode(&[b, b])), vec![b, b]);
    }
}
