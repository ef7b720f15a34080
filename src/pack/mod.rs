//! Rule packs: a programme's requirements as data, checked before use.
//!
//! - [`spec`]: the file format (`yoken-pack/1`) as a ministry writes it;
//! - `compile`: checks a pack and builds a runnable [`Programme`] (`model`);
//! - `category`: matching a typed cost category to the pack's categories;
//! - `builtin`: the packs shipped inside yoken (both seeded programmes);
//! - [`info`]: what a page needs to render a programme's form.
//!
//! Imports the finding and text layers only; knows nothing of how a form is read or evaluated.
//!
//! Owns: what a programme is. Must not know: how a form is read or evaluated.

pub(crate) mod builtin;
pub(crate) mod category;
pub(crate) mod compile;
pub mod info;
pub(crate) mod model;
pub mod spec;

pub use model::Programme;
