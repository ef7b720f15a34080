//! `yoken check`: validate one form or a batch (in parallel), print human text, JSON or JSON Lines,
//! and exit by verdict.

use super::inputs::{collect, Item};
use clap::ValueEnum;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use yoken::report::render::{render_text, Lang};
use yoken::{report_json, Code, Error, Message, Options, Report, Severity, Verdict};

/// Output formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
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
    /// Files, directories, or - for standard input.
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
    /// Also load these rule packs.
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Leave the verdicts' trace trees out of the Reports.
    #[arg(long)]
    no_trace: bool,
    /// Add each form's normalised form to its Report (`normalised_form`: every readable value in
    /// its canonical spelling, everything else as given).
    #[arg(long)]
    normalise: bool,
}

enum Checked {
    Report(Box<Report>, String),
    Unreadable(Refusal),
}

/// Why a form could not be checked: a code from the registry and its message.
struct Refusal {
    code: Code,
    message: Message,
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Self {
        Self {
            code: e.code(),
            message: e.message().clone(),
        }
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
        eprintln!(
            "yoken: there is no programme \"{}\" (known: {})",
            args.programme,
            ids.join(", ")
        );
        return ExitCode::from(2);
    }
    let today = match &args.today {
        None => crate::today::today_in_japan(),
        Some(t) => match yoken::today(t) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("yoken: --{}", e.message().en);
                return ExitCode::from(2);
            }
        },
    };
    let items = collect(&args.inputs, args.jsonl);
    let progress = (items.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(items.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} forms {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let check = |item: &Item| -> Checked {
        let options = Options {
            trace: !args.no_trace,
            normalise: args.normalise,
        };
        let result = match &item.text {
            Err(e) => Err(Refusal {
                code: Code::FormNotJson,
                message: Message::new(
                    format!("フォームが JSON として読めません：{e}"),
                    format!("The form is not valid JSON: {e}"),
                ),
            }),
            Ok(text) => catalog
                .validate_bytes(&args.programme, text.as_bytes(), today, options)
                .map_err(Refusal::from),
        };
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        match result {
            Ok(report) => {
                let json = report_json(&report);
                Checked::Report(Box::new(report), json)
            }
            Err(e) => Checked::Unreadable(e),
        }
    };
    let results: Vec<Checked> = match args.jobs.map(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
    }) {
        Some(Ok(pool)) => pool.install(|| items.par_iter().map(check).collect()),
        _ => items.par_iter().map(check).collect(),
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    print_results(args, &items, &results);
    exit_code(args.fail_on, &results)
}

fn print_results(args: &CheckArgs, items: &[Item], results: &[Checked]) {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lang = if args.lang == "en" {
        Lang::En
    } else {
        Lang::Ja
    };
    let entry = |item: &Item, r: &Checked| -> String {
        let source = serde_json::to_string(&item.source).unwrap_or_default();
        match r {
            Checked::Report(_, json) => format!("{{\"source\":{source},\"report\":{json}}}"),
            Checked::Unreadable(e) => format!(
                "{{\"source\":{source},\"error\":{{\"code\":{},\"message\":{}}}}}",
                serde_json::to_string(e.code.as_str()).unwrap_or_default(),
                serde_json::to_string(&e.message).unwrap_or_default()
            ),
        }
    };
    let _ = match args.format {
        Format::Jsonl => items
            .iter()
            .zip(results)
            .try_for_each(|(i, r)| writeln!(out, "{}", entry(i, r))),
        Format::Json if results.len() == 1 => match &results[0] {
            Checked::Report(_, json) => writeln!(out, "{json}"),
            r @ Checked::Unreadable(_) => writeln!(out, "{}", entry(&items[0], r)),
        },
        Format::Json => {
            let all: Vec<String> = items
                .iter()
                .zip(results)
                .map(|(i, r)| entry(i, r))
                .collect();
            writeln!(out, "[{}]", all.join(","))
        }
        Format::Human => items.iter().zip(results).try_for_each(|(item, r)| match r {
            Checked::Report(report, _) => write!(
                out,
                "== {} ==\n{}\n",
                item.source,
                render_text(report, lang)
            ),
            Checked::Unreadable(e) => writeln!(
                out,
                "== {} ==\n{}: {}\n",
                item.source,
                e.code,
                if lang == Lang::En {
                    &e.message.en
                } else {
                    &e.message.ja
                }
            ),
        }),
    };
    let _ = out.flush();
    if results.len() > 1 {
        let count = |v: Verdict| {
            results
                .iter()
                .filter(|r| matches!(r, Checked::Report(rep, _) if rep.overall.verdict == v))
                .count()
        };
        let unreadable = results
            .iter()
            .filter(|r| matches!(r, Checked::Unreadable(_)))
            .count();
        eprintln!(
            "{} forms: {} eligible, {} ineligible, {} incomplete, {} unreadable",
            results.len(),
            count(Verdict::Eligible),
            count(Verdict::Ineligible),
            count(Verdict::Incomplete),
            unreadable
        );
    }
}

fn exit_code(fail_on: FailOn, results: &[Checked]) -> ExitCode {
    if results.iter().any(|r| matches!(r, Checked::Unreadable(_))) {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Review => Severity::Review,
        FailOn::Info => Severity::Info,
    };
    let findings = results.iter().any(|r| match r {
        Checked::Report(report, _) => {
            report.overall.verdict != Verdict::Eligible
                || report.diagnostics.iter().any(|d| d.severity <= threshold)
        }
        Checked::Unreadable(_) => true,
    });
    if findings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
