//! Rule packs: a programme's requirements as data, checked before use.
//!
//! - [`spec`]: the file format (`yoken-pack/1`) as a ministry writes it;
//! - [`compile`]: checks a pack and builds a runnable [`Programme`];
//! - [`builtin`]: the packs shipped inside yoken (both seeded programmes);
//! - [`Catalog`]: the built-in packs plus packs loaded at run time.

pub mod builtin;
pub mod compile;
mod compile_budget;
pub mod info;
pub mod spec;

pub use compile::{PackError, PackProblem, Programme};

/// The programmes a caller can validate against: built-in packs, then run-time ones.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    loaded: Vec<Programme>,
}

impl Catalog {
    /// A catalog of the built-in packs only.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks a pack (running its example cases) and adds it; a pack with the id of a loaded
    /// pack replaces it, and one with a built-in id shadows the built-in.
    pub fn load(&mut self, json: &str) -> Result<&Programme, PackError> {
        let programme = Programme::from_json(json)?;
        self.loaded.retain(|p| p.id() != programme.id());
        self.loaded.push(programme);
        Ok(&self.loaded[self.loaded.len() - 1])
    }

    /// The programme with this id (a loaded pack wins over a built-in one).
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.loaded
            .iter()
            .find(|p| p.id() == id)
            .or_else(|| builtin::get(id))
    }

    /// Every programme, built-in first (those not shadowed), then loaded.
    pub fn iter(&self) -> impl Iterator<Item = &Programme> {
        builtin::all()
            .iter()
            .copied()
            .filter(|b| !self.loaded.iter().any(|l| l.id() == b.id()))
            .chain(self.loaded.iter())
    }
}
