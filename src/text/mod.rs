//! Typed text, numbers and dates: what a person types, read exactly or refused with a reason.
//! Full-width digits and commas, 円/千円, exact money, 和暦, 年度, legal periods, the 行政機関の休日
//! calendar, form paths, spreadsheet cell addresses, exact fractions and the 様式2 tax remark. Imports only `finding`; knows nothing of programmes or packs.
//!
//! Owns: reading and writing values. Must not know: programmes, forms or Reports.

pub mod amount_field;
pub mod cell_address;
pub mod exact;
pub mod field_check;
pub mod figure;
pub mod fiscal_year;
pub mod form_path;
pub mod holiday;
pub mod iso_date;
pub(crate) mod json_text;
pub mod money;
pub mod number_text;
pub mod period;
pub(crate) mod shared_list;
pub(crate) mod tax_remark;
pub mod wareki;
pub mod width;
