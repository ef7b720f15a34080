//! The native shell: the `yoken` command line (`check`, `serve`, `programmes`, `pack check`,
//! `pack migrate`, `schema`, `codes`) and the HTTP server, over yoken's public API only. `main.rs` only calls
//! [`run`].
#![forbid(unsafe_code)]

mod check;
pub mod documents;
mod inputs;
mod log_lines;
mod output;
pub mod server;
pub mod today;

use output::{say, Output, Stop};

use clap::{Parser, Subcommand, ValueEnum};
use server::{ServeConfig, CSP};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yoken::{Catalog, Programme};

const EXIT_CODES: &str = "Exit codes:
  0  every form is clean: eligible, with no finding at or above --fail-on
  1  findings: a form is not eligible, or has a finding at or above --fail-on
  2  unreadable input (a missing file, not JSON, not an object) or a usage error";

/// yoken checks Japanese public-subsidy application forms against a programme's rules.
#[derive(Debug, Parser)]
#[command(name = "yoken", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check forms: files, directories (every *.json and *.jsonl), or - for standard input.
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Serve the HTTP API (and, with --www, the demo page) on 127.0.0.1.
    Serve(ServeArgs),
    /// Fill the programme's 様式 from a form: one .xlsx per 様式, written into a directory, then
    /// the mails they make (exit 0 written, 1 the form has errors or makes no 様式, 2 unreadable
    /// input or an unwritable directory).
    Render(documents::RenderArgs),
    /// List the programmes (built-in and --pack).
    Programmes {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
        /// Also load these rule packs.
        #[arg(long = "pack", value_name = "FILE")]
        packs: Vec<PathBuf>,
    },
    /// Rule-pack tools.
    Pack {
        #[command(subcommand)]
        command: PackCommand,
    },
    /// List every code yoken can emit (findings and refusals) with its meaning.
    Codes {
        /// Output format: a table for people, JSON, or the Markdown of docs/codes.md.
        #[arg(long, value_enum, default_value = "human")]
        format: CodesFormat,
    },
    /// Print a JSON Schema: the Report, the programme list, the pack format, a programme's form
    /// (with its tables), or the OpenAPI document.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value = "report")]
        which: SchemaKind,
        /// The programme, for `form`.
        #[arg(long, short)]
        programme: Option<String>,
        /// For `form`: the programme of this rule pack (instead of --programme).
        #[arg(long = "pack", value_name = "FILE")]
        pack: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check rule packs and run their example cases; every problem is listed with its JSON path
    /// (exit 0 all valid, 1 a pack refused, 2 a file unreadable).
    Check {
        /// The pack files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Convert a `yoken-pack/1` pack to `yoken-pack/2` (printed; a current pack is printed as
    /// it is). The result is checked and its example cases run.
    Migrate {
        /// The pack file (JSON).
        file: PathBuf,
    },
    /// Check rule packs, run their example cases, and write each one's compiled form
    /// (`<id>.ykp`, what the wasm module loads) into a directory (exit 0 all built, 1 a pack
    /// refused, 2 a file unreadable or unwritable).
    Build {
        /// The pack files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The directory to write into (made if missing).
        #[arg(long, short)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CodesFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaKind {
    Report,
    Programmes,
    Pack,
    Form,
    Openapi,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    body_limit: usize,
    /// Largest upload of 様式 workbooks (POST /v1/programmes/{id}/documents) in bytes.
    #[arg(long, default_value_t = server::DEFAULT_DOCUMENTS_LIMIT)]
    documents_limit: usize,
    /// Deepest JSON nesting accepted.
    #[arg(long, default_value_t = 64)]
    max_depth: usize,
    /// Longest time for one request — reading its body and checking it — in milliseconds
    /// (longer: 503).
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Longest time a client has to send a request's headers, from when the server starts
    /// waiting for them, in milliseconds (then the connection is closed).
    #[arg(long, default_value_t = 10_000)]
    header_timeout_ms: u64,
    /// Longest time a kept-alive connection may sit with no request, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    idle_timeout_ms: u64,
    /// After SIGTERM, the longest wait for requests in flight, in milliseconds; then it exits.
    #[arg(long, default_value_t = 5_000)]
    shutdown_grace_ms: u64,
    /// Check requests (forms and 様式 uploads together) served at once (more get 503).
    #[arg(long, default_value_t = 512)]
    concurrency: usize,
    /// Worker threads (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Serve this directory at / (the demo page).
    #[arg(long)]
    www: Option<PathBuf>,
    /// Serve this directory at /pkg/ (the wasm package).
    #[arg(long)]
    pkg: Option<PathBuf>,
    /// Also load these rule packs.
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
}

/// Builds a catalog with the built-in packs plus `packs`; a bad pack is a usage error (exit 2).
fn catalog(packs: &[PathBuf]) -> Result<Catalog, ExitCode> {
    let mut catalog = Catalog::new();
    for path in packs {
        let text = std::fs::read_to_string(path).map_err(|e| {
            say(&format!("yoken: cannot read pack {}: {e}", path.display()));
            ExitCode::from(2)
        })?;
        if let Err(e) = catalog.load(&text) {
            say(&format!("yoken: pack {} refused: {e}", path.display()));
            return Err(ExitCode::from(2));
        }
    }
    Ok(catalog)
}

/// Runs the command line.
#[must_use]
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve(args),
        Command::Render(args) => documents::render(&args),
        Command::Programmes { format, packs } => printed(|out| programmes(out, format, &packs)),
        Command::Pack {
            command: PackCommand::Check { files },
        } => printed(|out| pack_check(out, &files)),
        Command::Pack {
            command: PackCommand::Migrate { file },
        } => printed(|out| pack_migrate(out, &file)),
        Command::Pack {
            command: PackCommand::Build { files, out: dir },
        } => printed(|out| pack_build(out, &files, &dir)),
        Command::Codes { format } => printed(|out| codes(out, format)),
        Command::Schema {
            which,
            programme,
            pack,
        } => printed(|out| schema(out, which, programme.as_deref(), pack.as_ref())),
    }
}

/// Runs a command that prints through one [`Output`]; a closed pipe or a failed write ends it
/// with that exit code instead of the command's own.
fn printed(command: impl FnOnce(&mut Output) -> Result<ExitCode, Stop>) -> ExitCode {
    let mut out = Output::stdout();
    match command(&mut out) {
        Ok(code) => out.finish(code),
        Err(stop) => stop.exit_code(),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let catalog = match catalog(&args.packs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("YOKEN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // Lines go to standard error from a thread of their own, not from the request's thread.
    let log_thread = if let Some((lines, thread)) = log_lines::LogLines::start() {
        logs.with_writer(lines).init();
        Some(thread)
    } else {
        logs.with_writer(std::io::stderr).init();
        None
    };
    let workers = args.workers.map(|n| n.max(1));
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = workers {
        builder.worker_threads(n);
    }
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            say(&format!("yoken: cannot start: {e}"));
            return ExitCode::from(2);
        }
    };
    let ms = std::time::Duration::from_millis;
    let config = ServeConfig {
        addr: args.addr,
        body_limit: args.body_limit,
        documents_limit: args.documents_limit,
        max_depth: args.max_depth,
        timeout: ms(args.timeout_ms),
        header_timeout: ms(args.header_timeout_ms.max(1)),
        idle_timeout: ms(args.idle_timeout_ms.max(1)),
        shutdown_grace: ms(args.shutdown_grace_ms),
        concurrency: args.concurrency.max(1),
        validators: workers.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        }),
        www: args.www,
        pkg: args.pkg,
    };
    tracing::debug!(csp = CSP, "static files carry this Content-Security-Policy");
    let served = runtime.block_on(server::serve(catalog, config, server::shutdown_signal()));
    // Connections still open after the grace period, and checks still running, end with the
    // process: nothing waits for them.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if let Some(thread) = log_thread {
        thread.finish();
    }
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("yoken: {e}"));
            ExitCode::from(2)
        }
    }
}

fn programmes(out: &mut Output, format: ListFormat, packs: &[PathBuf]) -> Result<ExitCode, Stop> {
    let catalog = match catalog(packs) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let list = catalog.programmes();
    match format {
        ListFormat::Json => out.line(&serde_json::to_string(&list).unwrap_or_default())?,
        ListFormat::Human => {
            for p in list {
                out.line(&format!(
                    "{}  {}  {}",
                    p.id, p.fiscal_year_label, p.title.ja
                ))?;
                out.line(&format!("    {}", p.title.en))?;
                out.line(&format!("    source: {}", p.source.title))?;
                let subs: Vec<String> = p
                    .subprogrammes
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.title.ja))
                    .collect();
                out.line(&format!("    sub-programmes: {}", subs.join(", ")))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A pack file read, checked and its cases run: the programme, or `None` once the refusal is
/// printed; `Err` with exit 2 when the file cannot be read.
fn checked_pack(
    out: &mut Output,
    file: &Path,
) -> Result<Result<Option<Programme>, ExitCode>, Stop> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            say(&format!("yoken: cannot read {}: {e}", file.display()));
            return Ok(Err(ExitCode::from(2)));
        }
    };
    match Programme::load(&text) {
        Ok(p) => {
            let info = p.info();
            out.line(&format!(
                "OK {} ({}): {} questions, {} sub-programmes, {} tables, {} figures, {} clauses, {} example cases passed",
                p.id(),
                file.display(),
                info.questions.len(),
                info.subprogrammes.len(),
                p.spec().tables.len(),
                p.spec().figures.len(),
                info.clauses.len(),
                p.case_count()
            ))?;
            Ok(Ok(Some(p)))
        }
        Err(e) => {
            out.line(&format!("REFUSED {}: {}", file.display(), e.message().en))?;
            out.line(&format!("  {}", e.message().ja))?;
            for p in e.problems() {
                out.line(&format!("  {}", p.at))?;
                out.line(&format!("    {}", p.message.ja))?;
                out.line(&format!("    {}", p.message.en))?;
            }
            if let Some((line, column)) = e.position() {
                out.line(&format!("  (line {line}, column {column})"))?;
            }
            Ok(Ok(None))
        }
    }
}

fn pack_check(out: &mut Output, files: &[PathBuf]) -> Result<ExitCode, Stop> {
    let mut code = ExitCode::SUCCESS;
    for file in files {
        match checked_pack(out, file)? {
            Ok(Some(_)) => {}
            Ok(None) => code = ExitCode::from(1),
            Err(exit) => return Ok(exit),
        }
    }
    Ok(code)
}

/// `yoken pack build`: each pack checked as by `pack check`, then its compiled form written.
fn pack_build(out: &mut Output, files: &[PathBuf], dir: &Path) -> Result<ExitCode, Stop> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        say(&format!("yoken: cannot make {}: {e}", dir.display()));
        return Ok(ExitCode::from(2));
    }
    let mut code = ExitCode::SUCCESS;
    for file in files {
        match checked_pack(out, file)? {
            Ok(Some(p)) => {
                let target = dir.join(format!("{}.ykp", p.id()));
                let compiled = match p.compiled() {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        say(&format!("yoken: {}: {e}", file.display()));
                        return Ok(ExitCode::from(2));
                    }
                };
                if let Err(e) = std::fs::write(&target, &compiled) {
                    say(&format!("yoken: cannot write {}: {e}", target.display()));
                    return Ok(ExitCode::from(2));
                }
                out.line(&format!(
                    "BUILT {} → {} ({} bytes)",
                    p.id(),
                    target.display(),
                    compiled.len()
                ))?;
            }
            Ok(None) => code = ExitCode::from(1),
            Err(exit) => return Ok(exit),
        }
    }
    Ok(code)
}

fn pack_migrate(out: &mut Output, file: &PathBuf) -> Result<ExitCode, Stop> {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            say(&format!("yoken: cannot read {}: {e}", file.display()));
            return Ok(ExitCode::from(2));
        }
    };
    match Programme::migrate(&text) {
        Ok(converted) => {
            out.text(&converted)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            say(&format!(
                "yoken: {} cannot be converted: {e}",
                file.display()
            ));
            Ok(ExitCode::from(1))
        }
    }
}

fn codes(out: &mut Output, format: CodesFormat) -> Result<ExitCode, Stop> {
    match format {
        CodesFormat::Markdown => out.text(&yoken::report::render::codes_markdown())?,
        CodesFormat::Json => {
            let mut list: Vec<serde_json::Value> = yoken::Code::ALL
                .iter()
                .map(|c| {
                    let (ja, en) = c.meaning();
                    serde_json::json!({"code": c.as_str(), "kind": c.kind().name(), "meaning": {"ja": ja, "en": en}})
                })
                .collect();
            for p in Catalog::new().iter() {
                for f in p.own_codes() {
                    list.push(serde_json::json!({"code": f.code, "kind": f.severity.as_str(), "pack": p.id(), "clause": f.clause, "meaning": f.message}));
                }
            }
            out.line(&serde_json::Value::Array(list).to_string())?;
        }
        CodesFormat::Human => {
            for c in yoken::Code::ALL {
                let (ja, en) = c.meaning();
                out.line(&format!("{:<34} {:<16} {en}", c.as_str(), c.kind().name()))?;
                out.line(&format!("{:<51} {ja}", ""))?;
            }
            for p in Catalog::new().iter() {
                out.line(&format!("\nCodes of the pack {}:", p.id()))?;
                for f in p.own_codes() {
                    out.line(&format!(
                        "{:<34} {:<16} {}",
                        f.code,
                        f.severity.as_str(),
                        f.message.en
                    ))?;
                    out.line(&format!("{:<51} {}", "", f.message.ja))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn schema(
    out: &mut Output,
    which: SchemaKind,
    programme: Option<&str>,
    pack: Option<&PathBuf>,
) -> Result<ExitCode, Stop> {
    let value = match which {
        SchemaKind::Report => yoken::schema::report_schema(),
        SchemaKind::Programmes => yoken::schema::programmes_schema(),
        SchemaKind::Pack => yoken::schema::pack_schema(),
        SchemaKind::Openapi => server::openapi::document(),
        SchemaKind::Form if pack.is_some() => {
            let Some(path) = pack else {
                return Ok(ExitCode::from(2));
            };
            let catalog = match catalog(std::slice::from_ref(path)) {
                Ok(c) => c,
                Err(code) => return Ok(code),
            };
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let Ok(p) = Programme::load(&text) else {
                return Ok(ExitCode::from(2));
            };
            let Some(p) = catalog.get(p.id()) else {
                return Ok(ExitCode::from(2));
            };
            yoken::schema::form_schema(p)
        }
        SchemaKind::Form => {
            let catalog = Catalog::new();
            let Some(p) = programme.and_then(|id| catalog.get(id)) else {
                say(&format!(
                    "yoken: `schema form` needs --pack FILE, or --programme with one of: {}",
                    catalog
                        .iter()
                        .map(Programme::id)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return Ok(ExitCode::from(2));
            };
            yoken::schema::form_schema(p)
        }
    };
    out.line(&serde_json::to_string_pretty(&value).unwrap_or_default())?;
    Ok(ExitCode::SUCCESS)
}
