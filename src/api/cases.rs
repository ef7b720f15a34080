//! A rule pack's own example cases, run when a pack is loaded: each must give its expected
//! verdicts and findings, or the pack is refused with the mismatch at `cases[i]`.
//!
//! Owns: loading a pack for use (compile, then its cases). Sits in the API layer because running
//! a case needs the whole pipeline.

use crate::finding::error::{Error, PackProblem};
use crate::finding::message::Message;
use crate::pack::compile::{compile, compile_spec, parse};
use crate::pack::model::Programme;
use crate::report::pipeline::evaluate;
use crate::text::iso_date::parse_iso_date;

impl Programme {
    /// Reads and checks a pack from JSON text and runs its example cases: the pack a ministry
    /// writes, refused with every problem listed, or ready to use. A `yoken-pack/1` pack is
    /// converted to the current format first.
    pub fn load(json: &str) -> Result<Programme, Error> {
        let programme = compile(json).map_err(|e| every_shape_problem(json, e))?;
        let problems = case_problems(&programme);
        if problems.is_empty() {
            Ok(programme)
        } else {
            Err(Error::pack_refused(problems))
        }
    }

    /// Converts a pack to the current format (`yoken pack migrate`): a `yoken-pack/1` pack
    /// becomes the `yoken-pack/2` pack that gives the same verdicts, figures and findings; a
    /// current pack comes back as it is. The result is checked and its cases run.
    pub fn migrate(json: &str) -> Result<String, Error> {
        let spec = parse(json).map_err(|e| every_shape_problem(json, e))?;
        let programme = compile_spec(spec)?;
        let problems = case_problems(&programme);
        if !problems.is_empty() {
            return Err(Error::pack_refused(problems));
        }
        Ok(crate::pack::migrate::print(&programme.spec))
    }
}

/// A pack that does not fit the format is refused with its first problem by the reader; where
/// the JSON Schema of the format is built in (native builds), every problem is listed instead.
fn every_shape_problem(json: &str, error: Error) -> Error {
    #[cfg(feature = "schema")]
    {
        if error.code() == crate::finding::code::Code::PackInvalid && error.problems().len() <= 1 {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
                let v1 = value.get("format").and_then(|f| f.as_str())
                    == Some(crate::pack::spec_v1::PACK_FORMAT_V1);
                let problems = crate::api::schema::pack_problems(&value);
                if !v1 && !problems.is_empty() {
                    return Error::pack_refused(problems);
                }
            }
        }
    }
    #[cfg(not(feature = "schema"))]
    let _ = json;
    error
}

/// Runs a programme's own example cases; each mismatch is a problem at `cases[i]`.
#[must_use]
pub(crate) fn case_problems(programme: &Programme) -> Vec<PackProblem> {
    let mut problems = Vec::new();
    for (i, case) in programme.spec.cases.iter().enumerate() {
        let mut problem = |en: String| {
            problems.push(PackProblem {
                at: format!("cases[{i}] ({})", case.name),
                message: Message::new(en.clone(), en),
            });
        };
        let Some(today) = parse_iso_date(&case.today) else {
            problem(format!("today \"{}\" is not a YYYY-MM-DD date", case.today));
            continue;
        };
        let report = match evaluate(programme, &case.form, today) {
            Ok(r) => r,
            Err(e) => {
                problem(format!("the form cannot be checked: {e}"));
                continue;
            }
        };
        let expect = &case.expect;
        if report.overall.verdict != expect.overall {
            problem(format!(
                "overall verdict is {:?}, expected {:?}",
                report.overall.verdict, expect.overall
            ));
        }
        for (id, want) in &expect.verdicts {
            match report.verdicts.iter().find(|v| &v.subprogramme == id) {
                Some(v) if v.verdict == *want => {}
                Some(v) => problem(format!(
                    "verdict of {id} is {:?}, expected {want:?}",
                    v.verdict
                )),
                None => problem(format!("no verdict for sub-programme {id}")),
            }
        }
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        for code in &expect.codes {
            if !codes.contains(&code.as_str()) {
                problem(format!("expected a finding {code}; got {codes:?}"));
            }
        }
        for code in &expect.absent {
            if codes.contains(&code.as_str()) {
                problem(format!("finding {code} must not be raised"));
            }
        }
        for (id, want) in &expect.figures {
            let got = report
                .figures
                .iter()
                .find(|f| &f.id == id)
                .and_then(|f| f.value.as_ref())
                .map_or_else(
                    || "unknown".to_owned(),
                    |v| v.yen().unwrap_or(v.value()).to_owned(),
                );
            if &got != want {
                problem(format!("figure {id} is {got}, expected {want}"));
            }
        }
        if let Some(missing) = &expect.missing {
            if report.overall.missing[..] != missing[..] {
                problem(format!(
                    "missing is {:?}, expected {missing:?}",
                    report.overall.missing
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::{all, get, FILES};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn built_in_packs_load_and_pass_their_own_cases() {
        for (name, json) in FILES {
            if let Err(e) = compile(json) {
                panic!("{name}: {e}");
            }
        }
        assert_eq!(all().len(), FILES.len());
        for p in all() {
            let problems = case_problems(p);
            assert!(problems.is_empty(), "{}: {problems:#?}", p.id());
            assert!(p.case_count() > 0, "{} has no example cases", p.id());
            // `get` finds a pack by its file name, so the two must agree.
            assert!(FILES
                .iter()
                .any(|(name, _)| *name == format!("{}.json", p.id())));
            assert_eq!(get(p.id()).map(Programme::id), Some(p.id()));
        }
        assert!(get("no-such-programme").is_none());
    }
}
