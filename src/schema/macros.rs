//! Shorthands for the common shapes of a field: `text!(Key, L(ru, en),
//! [headers], path.to.member)` and the like. Each expands to one
//! `FieldSpec` whose accessors reach the member by that path. The file
//! using them names its record type `R`.

macro_rules! field_of {
    ($kind:expr, $access:ident, $key:ident, $label:expr, [$($h:literal),*], $($f:ident).+) => {
        $crate::schema::FieldSpec::<R>::new(
            $crate::schema::FieldKey::$key,
            $label,
            &[$($h),*],
            $kind,
            $crate::schema::Access::$access(|r| &r.$($f).+, |r| &mut r.$($f).+),
        )
    };
}

macro_rules! text {
    ($($t:tt)*) => { field_of!($crate::schema::Kind::Text, Text, $($t)*) };
}

macro_rules! multi {
    ($($t:tt)*) => { field_of!($crate::schema::Kind::Multi(3), Text, $($t)*) };
}

macro_rules! date {
    ($($t:tt)*) => { field_of!($crate::schema::Kind::Date, Date, $($t)*) };
}

macro_rules! number {
    ($($t:tt)*) => { field_of!($crate::schema::Kind::Number, Number, $($t)*) };
}

macro_rules! tags {
    ($($t:tt)*) => { field_of!($crate::schema::Kind::Tags, Tags, $($t)*) };
}

/// A value of the closed list `$ty` (a member of type `$ty`).
macro_rules! choice {
    ($key:ident, $label:expr, [$($h:literal),*], $ty:ty, $($f:ident).+) => {
        $crate::schema::FieldSpec::<R>::new(
            $crate::schema::FieldKey::$key,
            $label,
            &[$($h),*],
            $crate::schema::Kind::Choice($crate::schema::Choices::of::<$ty>()),
            $crate::schema::Access::Choice(
                |r| <$ty as $crate::domain::vocab::Labelled>::all()
                    .iter()
                    .position(|v| *v == r.$($f).+)
                    .unwrap_or(0),
                |r, i| {
                    if let Some(v) = <$ty as $crate::domain::vocab::Labelled>::all().get(i) {
                        r.$($f).+ = *v;
                    }
                },
            ),
        )
    };
}

/// A value of `$ty` or none (a member of type `Option<$ty>`).
macro_rules! maybe {
    ($key:ident, $label:expr, [$($h:literal),*], $ty:ty, $($f:ident).+) => {
        $crate::schema::FieldSpec::<R>::new(
            $crate::schema::FieldKey::$key,
            $label,
            &[$($h),*],
            $crate::schema::Kind::Choice($crate::schema::Choices::maybe::<$ty>()),
            $crate::schema::Access::Choice(
                |r| r.$($f).+.map_or(0, |x| {
                    <$ty as $crate::domain::vocab::Labelled>::all()
                        .iter()
                        .position(|v| *v == x)
                        .map_or(0, |i| i + 1)
                }),
                |r, i| {
                    r.$($f).+ = i.checked_sub(1).and_then(|i| {
                        <$ty as $crate::domain::vocab::Labelled>::all().get(i).copied()
                    })
                },
            ),
        )
    };
}

/// Yes or no (a `bool` member).
macro_rules! flag {
    ($key:ident, $label:expr, [$($h:literal),*], $($f:ident).+) => {
        $crate::schema::FieldSpec::<R>::new(
            $crate::schema::FieldKey::$key,
            $label,
            &[$($h),*],
            $crate::schema::Kind::Choice($crate::schema::Choices::YES_NO),
            $crate::schema::Access::Choice(
                |r| usize::from(r.$($f).+),
                |r, i| r.$($f).+ = i == 1,
            ),
        )
    };
}

/// A yearly target of an indicator, in percent, for the organisation's
/// academic year (a member of `YearTargets`).
macro_rules! target {
    ($key:ident, $label:expr, $member:ident) => {
        FieldSpec::<R>::new(
            FieldKey::$key,
            $label,
            &[],
            Kind::Text,
            Access::Custom(
                |o, _| shown(targets(o).and_then(|t| t.$member)),
                |o, v, _| set_target(o, v, |t| &mut t.$member),
            ),
        )
    };
}

/// Whether the record is in the archive, as a file carries it: «да», or
/// empty (a card then says nothing). Archiving itself is a command.
macro_rules! archived {
    () => {
        $crate::schema::FieldSpec::<R>::new(
            $crate::schema::FieldKey::Archived,
            $crate::schema::L("Архив", "Archived"),
            &["Архив", "archived", "В архиве"],
            $crate::schema::Kind::Text,
            $crate::schema::Access::Custom(
                |r, ctx| $crate::schema::access::yes_text(r.archived, ctx.lang),
                |r, v, _| {
                    r.archived = $crate::schema::access::yes(&v.into_text())?;
                    Ok(())
                },
            ),
        )
        .shown_only()
    };
}
