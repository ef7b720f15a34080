//! The official 様式 as files: `yoken render` fills them from a form (.xlsx, one per 様式), and
//! `yoken check` / `POST /v1/programmes/{id}/documents` read them back and check what they say,
//! with each finding at its cell (「別紙様式1-4!D12」) as well as its form path.
//!
//! Which files are one application: the `.xlsx` files of one directory (a mail folder), or the
//! `.xlsx` files named together on the command line.

use crate::output::{say, Output};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoken::documents::ReadBack;
use yoken::report::render::{render_text, Lang};
use yoken::{Catalog, Error, Message, Options, Report, Severity, Verdict};
use yoken_xlsx::Receipt;

/// An application read back from its 様式 files and checked.
#[derive(Debug)]
pub struct Application {
    /// The files read, in order.
    pub files: Vec<String>,
    /// The form they hold, with each value's cell.
    pub back: ReadBack,
    /// The Report on that form.
    pub report: Report,
    /// What reading noticed: formulas, merged cells, Excel dates, another version of the rules.
    pub notes: Vec<Message>,
    /// The one language its JSON writes messages in, as the Report was asked for (`Options::lang`).
    pub lang: Option<Lang>,
}

/// One finding placed in the files.
#[derive(Debug, Serialize)]
struct Placed<'a> {
    code: &'a str,
    severity: Severity,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    message: &'a Message,
}

/// Reads `files` (name, bytes) as one application's 様式 and checks the form they hold.
pub fn check_files(
    catalog: &Catalog,
    programme: &str,
    today: chrono::NaiveDate,
    options: Options,
    files: &[(String, Vec<u8>)],
) -> Result<Application, Error> {
    let mut sheets = Vec::new();
    let mut notes = Vec::new();
    let mut receipts = Vec::new();
    for (name, bytes) in files {
        let read = yoken_xlsx::read(name, bytes)?;
        notes.extend(read.notes);
        if let Some(r) = read.receipt {
            receipts.push((name.clone(), r));
        }
        sheets.push((name.clone(), read.sheets));
    }
    let back = catalog.read_documents(programme, &sheets)?;
    let report = catalog.validate_with(programme, &back.form, today, options)?;
    let now = Receipt::of(&report);
    notes.extend(
        receipts
            .iter()
            .filter_map(|(name, r)| r.differs_from(name, &now)),
    );
    notes.extend(back.notes.iter().cloned());
    Ok(Application {
        files: files.iter().map(|(n, _)| n.clone()).collect(),
        back,
        report,
        notes,
        lang: options.lang,
    })
}

impl Application {
    /// The findings, each with its cell.
    fn placed(&self) -> Vec<Placed<'_>> {
        self.report
            .diagnostics
            .iter()
            .map(|d| Placed {
                code: d.code.as_str(),
                severity: d.severity,
                path: d.path.as_str(),
                cell: self.back.cell_of(d.path.as_str()),
                message: &d.message,
            })
            .collect()
    }

    /// `{files, report, findings: [{code, severity, path, cell, message}], cells, notes}`.
    #[must_use]
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Wire<'a> {
            files: &'a [String],
            report: &'a Report,
            findings: Vec<Placed<'a>>,
            cells: &'a BTreeMap<String, String>,
            notes: &'a [Message],
        }
        let wire = Wire {
            files: &self.files,
            report: &self.report,
            findings: self.placed(),
            cells: &self.back.cells,
            notes: &self.notes,
        };
        yoken::to_json_in(&wire, self.lang).unwrap_or_default()
    }

    /// The Report as text, then each finding at its cell, then the reader's notes.
    #[must_use]
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = render_text(&self.report, lang);
        let placed = self.placed();
        if !placed.is_empty() {
            out.push_str(lang.text("\nセルごとの確認結果:\n", "\nFindings by cell:\n"));
            for p in &placed {
                let _ = writeln!(
                    out,
                    "  {}  {}  {}",
                    p.cell.unwrap_or("-"),
                    p.path,
                    lang.pick(p.message)
                );
            }
        }
        if !self.notes.is_empty() {
            out.push_str(lang.text("\nファイルの読み取り:\n", "\nReading the files:\n"));
            for n in &self.notes {
                let _ = writeln!(out, "  {}", lang.pick(n));
            }
        }
        out
    }
}

/// One application: its name (a folder, or the workbooks named together) and its files.
pub type FilesOfOne = (String, Vec<PathBuf>);

/// Whether a path names a 様式 workbook.
#[must_use]
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// The applications among `inputs`: each directory holding `.xlsx` files is one, and the
/// `.xlsx` files named on the command line together are one. `None` when no input is a
/// workbook or a directory of them (then the inputs are forms); an error when both kinds are
/// mixed.
pub fn applications(inputs: &[String]) -> Result<Option<Vec<FilesOfOne>>, String> {
    let mut loose = Vec::new();
    let mut dirs = Vec::new();
    let mut other = Vec::new();
    for input in inputs {
        let path = PathBuf::from(input);
        if path.is_dir() {
            let mut books: Vec<PathBuf> = std::fs::read_dir(&path)
                .map_err(|e| format!("cannot read {input}: {e}"))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_workbook(p))
                .collect();
            if books.is_empty() {
                other.push(input.clone());
            } else {
                books.sort();
                dirs.push((input.clone(), books));
            }
        } else if is_workbook(&path) {
            loose.push(path);
        } else {
            other.push(input.clone());
        }
    }
    if loose.is_empty() && dirs.is_empty() {
        return Ok(None);
    }
    if !other.is_empty() {
        return Err(format!(
            "{} are not 様式 workbooks (.xlsx) or folders of them; check forms and 様式 files in separate runs",
            other.join(", ")
        ));
    }
    if !loose.is_empty() {
        let name = loose
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        dirs.insert(0, (name, loose));
    }
    Ok(Some(dirs))
}

/// How a run of `yoken check` on 様式 files is set.
pub struct FilesCheck<'a> {
    /// The rules.
    pub catalog: &'a Catalog,
    /// The programme.
    pub programme: &'a str,
    /// The day to check on.
    pub today: chrono::NaiveDate,
    /// Report options.
    pub options: Options,
    /// JSON (one object per application, an array for several) or text.
    pub json: bool,
    /// The language of the text.
    pub lang: Lang,
    /// The least serious finding that fails the run.
    pub threshold: Severity,
}

/// `yoken check` on applications of 様式 files; the exit code as for forms.
#[must_use]
pub fn check_applications(run: &FilesCheck<'_>, apps: &[FilesOfOne]) -> ExitCode {
    let mut out = Output::stdout();
    let mut worst = 0u8;
    let mut entries = Vec::new();
    for (source, paths) in apps {
        let mut files = Vec::new();
        let mut unreadable = None;
        for p in paths {
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            match read_bounded(p) {
                Ok(bytes) => files.push((name, bytes)),
                Err(e) => {
                    unreadable = Some(format!("yoken: {}: {e}", p.display()));
                    break;
                }
            }
        }
        if let Some(msg) = unreadable {
            say(&msg);
            worst = 2;
            continue;
        }
        match check_files(run.catalog, run.programme, run.today, run.options, &files) {
            Ok(app) => {
                let fails = app.report.overall.verdict != Verdict::Eligible
                    || app
                        .report
                        .diagnostics
                        .iter()
                        .any(|d| d.severity <= run.threshold);
                if fails {
                    worst = worst.max(1);
                }
                entries.push(if run.json {
                    crate::check::entry(source, "application", Ok(&app.to_json()))
                } else {
                    format!("== {source} ==\n{}", app.to_text(run.lang))
                });
            }
            Err(e) => {
                worst = 2;
                let m = e.message();
                entries.push(if run.json {
                    crate::check::entry(source, "application", Err((e.code(), m)))
                } else {
                    format!("== {source} ==\n{}: {}\n", e.code(), run.lang.pick(m))
                });
            }
        }
    }
    let text = if run.json {
        if entries.len() == 1 {
            entries.remove(0)
        } else {
            format!("[{}]", entries.join(","))
        }
    } else {
        entries.join("\n")
    };
    if let Err(stop) = out.line(&text) {
        return stop.exit_code();
    }
    out.finish(ExitCode::from(worst))
}

/// A file's bytes, refusing one over the reader's limit before reading it.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > yoken_xlsx::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "{size} bytes, over the limit of {} for a 様式 workbook",
            yoken_xlsx::MAX_FILE_BYTES
        ));
    }
    std::fs::read(path).map_err(|e| e.to_string())
}

/// The `render` arguments.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The programme id (see `yoken programmes`).
    #[arg(long, short)]
    programme: String,
    /// The form (a JSON file, or - for standard input).
    form: String,
    /// The directory to write the files into (made if missing).
    #[arg(long, short)]
    out: PathBuf,
    /// The date to check on (YYYY-MM-DD or 和暦); today in Japan when absent.
    #[arg(long)]
    today: Option<String>,
    /// Write the files even when the form has errors, with the findings on a cover sheet.
    #[arg(long)]
    with_findings: bool,
    /// Language of the messages.
    #[arg(long, value_parser = ["ja", "en"], default_value = "ja")]
    lang: String,
    /// Also load these rule packs.
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
}

/// Runs `yoken render`: exit 0 files written, 1 the form has errors (nothing written without
/// --with-findings) or makes no 様式, 2 unreadable input or an unwritable directory.
#[must_use]
pub fn render(args: &RenderArgs) -> ExitCode {
    let catalog = match super::catalog(&args.packs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = Lang::from_code(&args.lang).unwrap_or_default();
    let today = match crate::today::from_arg(args.today.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // The form is read as `yoken check` reads one: the same size limit and refusals.
    let mut inputs = crate::inputs::Inputs::new(
        std::slice::from_ref(&args.form),
        false,
        crate::check::DEFAULT_MAX_FILE_SIZE,
    );
    let Some(item) = inputs.next() else {
        say(&format!("yoken: {} holds no form", args.form));
        return ExitCode::from(2);
    };
    if inputs.next().is_some() {
        say(&format!(
            "yoken: render takes one form (a file or -), and {} holds several",
            args.form
        ));
        return ExitCode::from(2);
    }
    let bytes = match item.text {
        Ok(b) => b,
        Err((code, message)) => {
            say(&format!(
                "yoken: {}: {code}: {}",
                item.source,
                lang.pick(&message)
            ));
            return ExitCode::from(2);
        }
    };
    let report = match catalog.validate_bytes(&args.programme, &bytes, today, Options::default()) {
        Ok(r) => r,
        Err(e) => {
            say(&format!("yoken: {}: {}", e.code(), lang.pick(e.message())));
            return ExitCode::from(2);
        }
    };
    let form: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let books = match yoken_xlsx::workbooks(
        &catalog,
        &args.programme,
        &form,
        &report,
        today,
        args.with_findings,
    ) {
        Ok(b) => b,
        Err(e) => {
            say(&format!("yoken: {}: {}", e.code(), lang.pick(e.message())));
            if e.code() == yoken::Code::DocumentFormHasErrors {
                say("  (--with-findings)");
                for line in yoken_xlsx::cover_lines(&report) {
                    say(&format!("  {line}"));
                }
            }
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        say(&format!("yoken: cannot make {}: {e}", args.out.display()));
        return ExitCode::from(2);
    }
    let mut out = Output::stdout();
    let mut entries = Vec::new();
    for book in &books {
        let path = args.out.join(&book.file);
        if let Err(e) = std::fs::write(&path, &book.bytes) {
            say(&format!("yoken: cannot write {}: {e}", path.display()));
            return ExitCode::from(2);
        }
        if let Err(stop) = out.line(&format!("{}\t{} bytes", path.display(), book.bytes.len())) {
            return stop.exit_code();
        }
        entries.push(yoken::FileEntry {
            name: book.file.clone(),
            size: book.bytes.len() as u64,
            mime: yoken_xlsx::MIME.to_owned(),
        });
    }
    let applicant = catalog
        .get(&args.programme)
        .and_then(|p| p.applicant_name(&form));
    if let Ok(Some(plan)) = catalog.plan_submission(&args.programme, applicant.as_deref(), &entries)
    {
        for mail in &plan.mails {
            let line = format!(
                "{}: {} ({})",
                mail.subject,
                mail.files.join(", "),
                mail.display
            );
            if let Err(stop) = out.line(&line) {
                return stop.exit_code();
            }
        }
    }
    out.finish(ExitCode::SUCCESS)
}
