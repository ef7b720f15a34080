//! The rule packs built into yoken: every file in `packs/`, embedded as JSON by `build.rs` (so
//! a programme is added by adding its pack file, with no Rust change).
//!
//! They are checked on first use (their example cases run in the test suite, not at start-up,
//! so the first keystroke in the browser does not pay for them; see `api::cases`).
//!
//! Owns: which packs ship inside yoken. Must not know: how a pack is used.

use super::model::Programme;
use std::sync::Arc;
#[cfg(feature = "builtin-packs")]
use {super::compile::compile, crate::finding::error::Error, std::sync::OnceLock};

#[cfg(feature = "builtin-packs")]
include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

#[cfg(feature = "builtin-packs")]
/// One compiled pack per file, each compiled the first time it is asked for: a page that checks
/// one programme does not pay, at start-up, for compiling the other.
static COMPILED: [OnceLock<Result<Arc<Programme>, Error>>; FILES.len()] =
    [const { OnceLock::new() }; FILES.len()];

#[cfg(feature = "builtin-packs")]
fn compiled(index: usize) -> &'static Result<Arc<Programme>, Error> {
    COMPILED[index].get_or_init(|| compile(FILES[index].1).map(Arc::new))
}

/// The built-in programme with this id (its file is `{id}.json`), compiled on first use.
#[cfg(feature = "builtin-packs")]
#[must_use]
pub(crate) fn get(id: &str) -> Option<&'static Programme> {
    shared_ref(id).map(AsRef::as_ref)
}

/// The built-in programme with this id, shared (a session holds it without copying it).
#[cfg(feature = "builtin-packs")]
#[must_use]
pub(crate) fn shared(id: &str) -> Option<Arc<Programme>> {
    shared_ref(id).cloned()
}

/// The built-in programme with this id as the catalog keeps it, compiled on first use.
#[cfg(feature = "builtin-packs")]
fn shared_ref(id: &str) -> Option<&'static Arc<Programme>> {
    let index = FILES
        .iter()
        .position(|(name, _)| name.strip_suffix(".json") == Some(id))?;
    compiled(index).as_ref().ok()
}

/// The built-in programmes that passed their checks (every one, in a tested build), in file order.
#[cfg(feature = "builtin-packs")]
#[must_use]
pub(crate) fn all() -> &'static [&'static Programme] {
    static ALL: OnceLock<Vec<&'static Programme>> = OnceLock::new();
    ALL.get_or_init(|| {
        (0..FILES.len())
            .filter_map(|i| compiled(i).as_ref().ok().map(AsRef::as_ref))
            .collect()
    })
}

/// Without embedded packs there is no built-in programme.
#[cfg(not(feature = "builtin-packs"))]
#[must_use]
pub(crate) fn get(_id: &str) -> Option<&'static Programme> {
    None
}

/// Without embedded packs there is no built-in programme.
#[cfg(not(feature = "builtin-packs"))]
#[must_use]
pub(crate) fn shared(_id: &str) -> Option<Arc<Programme>> {
    None
}

/// Without embedded packs there is no built-in programme.
#[cfg(not(feature = "builtin-packs"))]
#[must_use]
pub(crate) fn all() -> &'static [&'static Programme] {
    &[]
}
