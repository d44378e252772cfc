//! A stored change in the words of the form: the history keeps each
//! change by the record's inner path and raw value (`person.contacts`,
//! `"in_progress"`); the card shows «Контакты: 8-900-… → 8-918-…». The
//! record is rebuilt on each side of the change and the schema says which
//! field differs and how it reads, so no table of paths is kept apart.

use super::{Ctx, FieldSpec};
use crate::text::{ellipsize, sanitize_line};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// How much of a value a history line shows.
const VALUE_WIDTH: usize = 40;

/// `record` with the member at `path` set to a history value (its raw text;
/// empty means the member was empty or absent).
fn with_value<R: Serialize + DeserializeOwned>(record: &R, path: &str, raw: &str) -> Option<R> {
    let mut v = serde_json::to_value(record).ok()?;
    let mut at = &mut v;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        let obj = at.as_object_mut()?;
        at = obj
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    let last = parts.last()?;
    let value = match raw {
        "" => Value::Null,
        _ => serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string())),
    };
    let obj = at.as_object_mut()?;
    match value {
        // An absent member takes its default, as when it was stored.
        Value::Null => {
            obj.remove(*last);
        }
        v => {
            obj.insert(last.to_string(), v);
        }
    }
    serde_json::from_value(v).ok()
}

/// «Контакты: 8-900-… → 8-918-…»; the inner path where no field of the
/// form holds it.
/// `path`, `old` and `new` are as the history keeps them.
pub fn change_in_words<R: Serialize + DeserializeOwned>(
    schema: &[FieldSpec<R>],
    current: &R,
    (path, old, new): (&str, &str, &str),
    ctx: &Ctx,
) -> String {
    let sides = (
        with_value(current, path, old),
        with_value(current, path, new),
    );
    if let (Some(old), Some(new)) = sides {
        for f in schema {
            let (a, b) = (f.text(&old, ctx), f.text(&new, ctx));
            if a != b {
                let shown = |t: &str| match t.is_empty() {
                    true => "—".to_string(),
                    false => ellipsize(&sanitize_line(t), VALUE_WIDTH),
                };
                return format!("{}: {} → {}", f.label.get(ctx.lang), shown(&a), shown(&b));
            }
        }
    }
    path.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Dataset, Mentor, MentorCategory};
    use crate::i18n::Lang;

    #[test]
    fn a_stored_change_reads_as_the_form_says_it() {
        let ds = Dataset::default();
        let ctx = Ctx {
            ds: &ds,
            lang: Lang::Ru,
        };
        let m = Mentor::default();
        let change = |field, old, new| (field, old, new);
        let schema = super::super::mentor::MENTOR;
        assert_eq!(
            change_in_words(
                schema,
                &m,
                change("person.contacts", "8-900", "8-918"),
                &ctx
            ),
            "Контакты: 8-900 → 8-918"
        );
        let category = serde_json::to_value(MentorCategory::Employer).unwrap();
        let category = category.as_str().unwrap();
        let text = change_in_words(schema, &m, change("category", "", category), &ctx);
        assert!(text.starts_with("Категория: "), "{text}");
        assert!(text.ends_with("→ работодатель"), "{text}");
        assert_eq!(
            change_in_words(schema, &m, change("capacity", "1", "3"), &ctx),
            "Макс. наставляемых: 1 → 3"
        );
        assert_eq!(
            change_in_words(schema, &m, change("no_such_member", "a", "b"), &ctx),
            "no_such_member"
        );
    }
}
