//! `yoken check`: validate one form or a batch, in parallel, and print each Report as soon as it is
//! ready and its turn has come (human text, JSON or JSON Lines), then exit by verdict.
//!
//! A batch streams: forms are read only as workers can take them, and at most
//! [`in_flight`] forms are held at once — read, being checked, or checked and waiting for an
//! earlier one to be printed — so memory does not grow with the batch's length.

use super::inputs::{Inputs, Item};
use super::output::{say, Output, Stop};
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use yoken::report::render::{render_text, Lang};
use yoken::{report_json_in, Catalog, Code, Message, Options, Severity, Verdict};

/// The most worker threads `--jobs` may ask for (more only add threads that wait).
pub const MAX_JOBS: usize = 64;

/// The largest form read by default (`--max-file-size`): 16 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How many forms a run with `jobs` workers holds at once.
#[must_use]
pub fn in_flight(jobs: usize) -> usize {
    4 * jobs + 4
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Verdicts, the clause trail and findings grouped by field.
    Human,
    /// The Report for one form; an array of `{source, report | error}` for several.
    Json,
    /// One `{source, report | error}` per line.
    Jsonl,
}

/// The least serious finding that makes the exit code 1.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    /// Only errors.
    Error,
    /// Errors and warnings.
    Warning,
    /// Also findings for the officer's judgment.
    Review,
    /// Any finding, even a note.
    Info,
}

/// The `check` arguments.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The programme id (see `yoken programmes`).
    #[arg(long, short)]
    programme: String,
    /// Files, directories, or - for standard input. `.xlsx` files (or folders of them) are 様式
    /// workbooks: read back through the programme's layouts, one application per folder (or
    /// the workbooks named together), each finding shown at its cell.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// The date to check on (YYYY-MM-DD or 和暦); today in Japan when absent.
    #[arg(long)]
    today: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Read every input as JSON Lines (files ending .jsonl always are).
    #[arg(long)]
    jsonl: bool,
    /// The least serious finding that fails the run (exit 1).
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
    /// Language of the human output.
    #[arg(long, value_parser = ["ja", "en"], default_value = "ja")]
    lang: String,
    /// Write the messages of JSON output in this one language (`yoken-report/2.2`; both when
    /// absent).
    #[arg(long, value_parser = ["ja", "en"])]
    json_lang: Option<String>,
    /// Also load these rule packs.
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
    /// Worker threads (default: one per core; at most 64).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// The largest form read, in bytes: a larger file (or JSON Lines line) is reported, not read.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Leave the verdicts' trace trees out of the Reports.
    #[arg(long)]
    no_trace: bool,
    /// Add each form's normalised form to its Report (`normalised_form`: every readable value in
    /// its canonical spelling, everything else as given).
    #[arg(long)]
    normalise: bool,
}

/// What one form came to.
enum Checked {
    /// Its Report: the verdict, whether it has a finding at or above --fail-on, the text to
    /// print, and (for JSON) the Report alone, printed bare when it is the only form.
    Report {
        verdict: Verdict,
        fails: bool,
        out: String,
        bare: Option<String>,
    },
    /// It could not be checked: the entry to print.
    Unreadable { out: String },
}

impl Checked {
    fn out(&self) -> &str {
        match self {
            Checked::Report { out, .. } | Checked::Unreadable { out } => out,
        }
    }
}

/// Counts for the closing line and the exit code.
#[derive(Default)]
struct Tally {
    forms: usize,
    eligible: usize,
    ineligible: usize,
    incomplete: usize,
    unreadable: usize,
    fails: bool,
}

impl Tally {
    fn add(&mut self, checked: &Checked) {
        self.forms += 1;
        match checked {
            Checked::Report { verdict, fails, .. } => {
                match verdict {
                    Verdict::Eligible => self.eligible += 1,
                    Verdict::Ineligible => self.ineligible += 1,
                    Verdict::Incomplete => self.incomplete += 1,
                }
                self.fails |= *fails || *verdict != Verdict::Eligible;
            }
            Checked::Unreadable { .. } => self.unreadable += 1,
        }
    }

    fn exit_code(&self) -> ExitCode {
        if self.unreadable > 0 {
            ExitCode::from(2)
        } else if self.fails {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Everything a worker needs to check one form.
struct Checker {
    catalog: Catalog,
    programme: String,
    today: chrono::NaiveDate,
    options: Options,
    format: Format,
    lang: Lang,
    threshold: Severity,
}

impl Checker {
    fn check(&self, item: &Item) -> Checked {
        let refusal = match &item.text {
            Err((code, message)) => Some((*code, message.clone())),
            Ok(text) => {
                match self
                    .catalog
                    .validate_bytes(&self.programme, text, self.today, self.options)
                {
                    Ok(report) => {
                        let fails = report
                            .diagnostics
                            .iter()
                            .any(|d| d.severity <= self.threshold);
                        let (out, bare) = match self.format {
                            Format::Human => (
                                format!(
                                    "== {} ==\n{}\n",
                                    item.source,
                                    render_text(&report, self.lang)
                                ),
                                None,
                            ),
                            Format::Jsonl => (
                                entry(
                                    &item.source,
                                    "report",
                                    Ok(&report_json_in(&report, self.options.lang)),
                                ),
                                None,
                            ),
                            Format::Json => {
                                let json = report_json_in(&report, self.options.lang);
                                (entry(&item.source, "report", Ok(&json)), Some(json))
                            }
                        };
                        return Checked::Report {
                            verdict: report.overall.verdict,
                            fails,
                            out,
                            bare,
                        };
                    }
                    Err(e) => Some((e.code(), e.message().clone())),
                }
            }
        };
        let (code, message) = refusal.unwrap_or((Code::InternalError, Message::new("", "")));
        let out = match self.format {
            Format::Human => format!(
                "== {} ==\n{}: {}\n\n",
                item.source,
                code,
                self.lang.pick(&message)
            ),
            Format::Json | Format::Jsonl => entry(&item.source, "report", Err((code, &message))),
        };
        Checked::Unreadable { out }
    }
}

/// `{"source", "<key>": <json>}` (a form's `report`, a 様式 application's `application`) or
/// `{"source", "error": {code, message}}`.
pub(crate) fn entry(source: &str, key: &str, result: Result<&str, (Code, &Message)>) -> String {
    let source = serde_json::to_string(source).unwrap_or_default();
    match result {
        Ok(json) => format!("{{\"source\":{source},\"{key}\":{json}}}"),
        Err((code, message)) => format!(
            "{{\"source\":{source},\"error\":{{\"code\":{},\"message\":{}}}}}",
            serde_json::to_string(code.as_str()).unwrap_or_default(),
            serde_json::to_string(message).unwrap_or_default()
        ),
    }
}

/// Runs `yoken check`.
pub fn run(args: &CheckArgs) -> ExitCode {
    let catalog = match super::catalog(&args.packs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if catalog.get(&args.programme).is_none() {
        let ids: Vec<&str> = catalog.iter().map(yoken::Programme::id).collect();
        say(&format!(
            "yoken: there is no programme \"{}\" (known: {})",
            args.programme,
            ids.join(", ")
        ));
        return ExitCode::from(2);
    }
    let today = match crate::today::from_arg(args.today.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let lang = Lang::from_code(&args.lang).unwrap_or_default();
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Review => Severity::Review,
        FailOn::Info => Severity::Info,
    };
    let options = Options {
        trace: !args.no_trace,
        normalise: args.normalise,
        lang: args.json_lang.as_deref().and_then(yoken::Lang::from_code),
    };
    // 様式 workbooks (or folders of them) are applications read back through the layouts.
    match crate::documents::applications(&args.inputs) {
        Err(why) => {
            say(&format!("yoken: {why}"));
            return ExitCode::from(2);
        }
        Ok(Some(apps)) => {
            let run = crate::documents::FilesCheck {
                catalog: &catalog,
                programme: &args.programme,
                today,
                options,
                json: args.format != Format::Human,
                lang,
                threshold,
            };
            return crate::documents::check_applications(&run, &apps);
        }
        Ok(None) => {}
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut jobs = args.jobs.unwrap_or(cores).max(1);
    if jobs > MAX_JOBS {
        say(&format!(
            "yoken: --jobs {jobs} is more than {MAX_JOBS}; using {MAX_JOBS}"
        ));
        jobs = MAX_JOBS;
    }
    let checker = Arc::new(Checker {
        catalog,
        programme: args.programme.clone(),
        today,
        options,
        format: args.format,
        lang,
        threshold,
    });
    let inputs = Inputs::new(&args.inputs, args.jsonl, args.max_file_size);
    let mut results = start(inputs, &checker, jobs);
    let mut out = Output::stdout();
    let mut tally = Tally::default();
    let printed = print(args.format, &mut results, &mut out, &mut tally);
    let code = match printed {
        Ok(()) => out.finish(tally.exit_code()),
        Err(stop) => return stop.exit_code(),
    };
    if tally.forms > 1 {
        say(&format!(
            "{} forms: {} eligible, {} ineligible, {} incomplete, {} unreadable",
            tally.forms, tally.eligible, tally.ineligible, tally.incomplete, tally.unreadable
        ));
    }
    code
}

/// The checked forms in input order, each as soon as it and every earlier one are ready.
struct Results {
    done: Receiver<(usize, Checked)>,
    /// A ticket back to the reader for every form printed: the reader waits for one before
    /// reading the next, so at most [`in_flight`] forms are held.
    tickets: std::sync::mpsc::SyncSender<()>,
    waiting: BTreeMap<usize, Checked>,
    next: usize,
}

impl Iterator for Results {
    type Item = Checked;

    fn next(&mut self) -> Option<Checked> {
        loop {
            if let Some(c) = self.waiting.remove(&self.next) {
                self.next += 1;
                let _ = self.tickets.send(());
                return Some(c);
            }
            let (seq, checked) = self.done.recv().ok()?;
            self.waiting.insert(seq, checked);
        }
    }
}

/// Starts the reader and `jobs` workers; the results come in input order.
fn start(inputs: Inputs, checker: &Arc<Checker>, jobs: usize) -> Results {
    let window = in_flight(jobs);
    let (tickets, ticket_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = tickets.send(());
    }
    let (work, work_rx) = sync_channel::<(usize, Item)>(jobs);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done) = channel();
    std::thread::spawn(move || {
        for (seq, item) in inputs.enumerate() {
            // No ticket: the printer has stopped.
            if ticket_rx.recv().is_err() || work.send((seq, item)).is_err() {
                return;
            }
        }
    });
    for _ in 0..jobs {
        let work_rx = Arc::clone(&work_rx);
        let done_tx = done_tx.clone();
        let checker = Arc::clone(checker);
        std::thread::spawn(move || loop {
            let next = work_rx.lock().map(|rx| rx.recv());
            let Ok(Ok((seq, item))) = next else { return };
            if done_tx.send((seq, checker.check(&item))).is_err() {
                return;
            }
        });
    }
    Results {
        done,
        tickets,
        waiting: BTreeMap::new(),
        next: 0,
    }
}

/// Prints the results as they come: JSON Lines and human text one by one; JSON as the one Report
/// of a single form, or an array when there are several.
fn print(
    format: Format,
    results: &mut Results,
    out: &mut Output,
    tally: &mut Tally,
) -> Result<(), Stop> {
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} forms {per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut first: Option<Checked> = None;
    let mut opened = false;
    for checked in results.by_ref() {
        tally.add(&checked);
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        match format {
            Format::Jsonl | Format::Human => {
                out.text(checked.out())?;
                if format == Format::Jsonl {
                    out.text("\n")?;
                }
            }
            Format::Json => {
                // One form prints its Report alone; a second one makes it an array.
                if let Some(f) = first.take() {
                    out.text("[")?;
                    out.text(f.out())?;
                    opened = true;
                }
                if opened {
                    out.text(",")?;
                    out.text(checked.out())?;
                } else {
                    first = Some(checked);
                    continue;
                }
            }
        }
        out.flush()?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if format == Format::Json {
        match first {
            Some(Checked::Report {
                bare: Some(report), ..
            }) => out.line(&report)?,
            Some(other) => out.line(other.out())?,
            None if opened => out.line("]")?,
            None => out.line("[]")?,
        }
    }
    Ok(())
}
