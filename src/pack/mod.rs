//! Rule packs: a programme's requirements as data, checked before use.
//!
//! - [`spec`]: the file format (`yoken-pack/2`) as a ministry writes it; `spec_v1` the first
//!   format, still read, and `migrate` which converts it (feature `pack-json`);
//! - `compile`: checks a pack and builds a runnable [`Programme`] (`model`, with its conditions
//!   and expressions in `expr` and its tables in `table`; feature `pack-json`);
//! - `category`: matching a typed cost category to the pack's categories;
//! - `builtin`: the packs shipped inside yoken (every file in `packs/`; feature `builtin-packs`);
//! - [`info`]: what a page needs to render a programme's form;
//! - [`compiled`]: the compiled form of a pack, which the wasm module reads (`yoken pack build`).
//!
//! Imports the finding and text layers only; knows nothing of how a form is read or evaluated.
//!
//! Owns: what a programme is. Must not know: how a form is read or evaluated.

pub(crate) mod binary;
pub(crate) mod builtin;
pub(crate) mod category;
#[cfg(feature = "pack-json")]
pub(crate) mod compile;
pub mod compiled;
pub(crate) mod decode;
pub(crate) mod expr;
pub(crate) mod fingerprint;
pub mod info;
#[cfg(feature = "pack-json")]
pub(crate) mod migrate;
pub(crate) mod model;
pub(crate) mod question_reads;
pub(crate) mod reference;
pub mod spec;
#[cfg(feature = "pack-json")]
pub(crate) mod spec_v1;
pub(crate) mod table;

pub use model::Programme;
