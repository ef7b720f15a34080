//! Rule packs: a programme's requirements as data, checked before use.
//!
//! - [`spec`]: the file format (`yoken-pack/2`) as a ministry writes it; `spec_v1` the first
//!   format, still read, and `migrate` which converts it;
//! - `compile`: checks a pack and builds a runnable [`Programme`] (`model`, with its conditions
//!   and expressions in `expr` and its tables in `table`);
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
pub(crate) mod expr;
pub mod info;
pub(crate) mod migrate;
pub(crate) mod model;
pub mod spec;
pub(crate) mod spec_v1;
pub(crate) mod table;

pub use model::Programme;
