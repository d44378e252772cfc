//! Realistic synthetic data: a school or a whole district, with pairs of
//! every form, meetings and questionnaire answers. A pure function of the
//! scale, the seed and the reference date.

mod documents;
mod matching;
mod names;
mod roadmap;
mod school;

pub use matching::matching_instance;

use crate::domain::Dataset;
use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// One school: about 600 pupils, 60 teachers, 150 participants.
    School,
    /// 30 schools, about 10,000 participants and 200,000 meetings.
    District,
}

/// Builds the data set. `as_of` is "today" for the data: pairs are active
/// then and meetings stop there, so the same arguments give the same data.
pub fn generate(scale: Scale, seed: u64, as_of: NaiveDate) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ds = Dataset::default();
    let mut builder = school::Builder::new(&mut ds, as_of);
    builder.add_templates();
    let (schools, size) = match scale {
        Scale::School => (1, school::Size::SCHOOL),
        Scale::District => (30, school::Size::DISTRICT_SCHOOL),
    };
    for n in 0..schools {
        builder.add_school(&mut rng, n, &size);
    }
    ds
}
