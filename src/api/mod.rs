//! The API every front end calls — the same natively and in wasm: the [`catalog`] of programmes
//! and its stateless calls (`validate`, `programmes`, a pack loaded with its example cases, the
//! mail plan with its [`file_list`] read from JSON), a [`session`] for a form being filled in,
//! date arguments ([`calendar`]), and the JSON Schemas ([`schema`], with the `schema` feature).
//! The top layer: it may import any below.
//!
//! Owns: the calls front ends make. Must not know: JS, HTTP, terminals (the shells do).

pub(crate) mod calendar;
#[cfg(feature = "pack-json")]
pub(crate) mod cases;
pub(crate) mod catalog;
#[cfg(feature = "pack-json")]
pub mod documents;
pub(crate) mod file_list;
#[cfg(feature = "schema")]
pub mod schema;
pub(crate) mod session;
