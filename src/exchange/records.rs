//! Any schema's records in and out of a file, with nothing but what the
//! schema declares: the path a new base takes before it needs rules of its
//! own (the bases with references to resolve build on the same pieces).

use super::cells::Cells;
use super::columns;
use super::{table, RowError};
use crate::schema::{Ctx, FieldSpec};

/// Every row of `bytes` read into a record that starts as `blank()`; all
/// rows or, if any is bad, every problem by line.
pub fn read<R>(
    schema: &'static [FieldSpec<R>],
    bytes: &[u8],
    ctx: &Ctx,
    blank: impl Fn() -> R,
) -> Result<Vec<R>, Vec<RowError>> {
    let t = table::read_in(bytes, ctx.lang)?;
    let super::layout::Settled { table: t, map, .. } =
        super::layout::settle(t, &columns::of(schema), ctx.lang)?;
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for row in &t.rows {
        let mut c = Cells::new(&map, &t.headers, &row.cells, ctx.lang);
        let mut r = blank();
        c.read_all(schema, &mut r, ctx, &[]);
        if c.errors.is_empty() {
            records.push(r);
        } else {
            errors.extend(c.errors.into_iter().map(|m| RowError::at(row.line, m)));
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

/// The records as the CSV export writes them (see `csv_export::to_bytes`).
pub fn write<'a, R: 'static>(
    schema: &'static [FieldSpec<R>],
    records: impl Iterator<Item = &'a R>,
    ctx: &Ctx,
) -> Vec<u8> {
    super::csv_export::to_bytes(super::csv_export::rows_of(schema, records, ctx, |_, _| {
        None
    }))
}
