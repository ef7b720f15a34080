//! The native shell: the `yoken` command line (`check`, `serve`, `programmes`, `pack check`,
//! `schema`, `codes`) and the HTTP server, over yoken's public API only. `main.rs` only calls
//! [`run`].
#![forbid(unsafe_code)]

mod check;
mod inputs;
pub mod server;
pub mod today;

use clap::{Parser, Subcommand, ValueEnum};
use server::{ServeConfig, CSP};
use std::path::PathBuf;
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
    /// Print a JSON Schema: the Report, the programme list, a programme's form, or the OpenAPI document.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value = "report")]
        which: SchemaKind,
        /// The programme, for `form`.
        #[arg(long, short)]
        programme: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum PackCommand {
    /// Check a rule pack and run its example cases (exit 0 valid, 1 refused, 2 unreadable).
    Check {
        /// The pack file (JSON).
        file: PathBuf,
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
    /// Deepest JSON nesting accepted.
    #[arg(long, default_value_t = 64)]
    max_depth: usize,
    /// Longest time for one request, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Requests served at once (more get 503).
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
            eprintln!("yoken: cannot read pack {}: {e}", path.display());
            ExitCode::from(2)
        })?;
        if let Err(e) = catalog.load(&text) {
            eprintln!("yoken: pack {} refused: {e}", path.display());
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
        Command::Programmes { format, packs } => programmes(format, &packs),
        Command::Pack {
            command: PackCommand::Check { file },
        } => pack_check(&file),
        Command::Codes { format } => codes(format),
        Command::Schema { which, programme } => schema(which, programme.as_deref()),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let catalog = match catalog(&args.packs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("YOKEN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = args.workers {
        builder.worker_threads(n.max(1));
    }
    let runtime = match builder.enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("yoken: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    let config = ServeConfig {
        addr: args.addr,
        body_limit: args.body_limit,
        max_depth: args.max_depth,
        timeout: std::time::Duration::from_millis(args.timeout_ms),
        concurrency: args.concurrency.max(1),
        www: args.www,
        pkg: args.pkg,
    };
    tracing::debug!(csp = CSP, "static files carry this Content-Security-Policy");
    match runtime.block_on(server::serve(catalog, config, server::shutdown_signal())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("yoken: {e}");
            ExitCode::from(2)
        }
    }
}

fn programmes(format: ListFormat, packs: &[PathBuf]) -> ExitCode {
    let catalog = match catalog(packs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let list = catalog.programmes();
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string(&list).unwrap_or_default()),
        ListFormat::Human => {
            for p in list {
                println!("{}  {}  {}", p.id, p.fiscal_year_label, p.title.ja);
                println!("    {}", p.title.en);
                println!("    source: {}", p.source.title);
                let subs: Vec<String> = p
                    .subprogrammes
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.title.ja))
                    .collect();
                println!("    sub-programmes: {}", subs.join(", "));
            }
        }
    }
    ExitCode::SUCCESS
}

fn pack_check(file: &PathBuf) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("yoken: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match Programme::load(&text) {
        Ok(p) => {
            let info = p.info();
            println!(
                "OK {}: {} questions, {} sub-programmes, {} clauses, {} example cases passed",
                p.id(),
                info.questions.len(),
                info.subprogrammes.len(),
                info.clauses.len(),
                p.case_count()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            print!("{e}");
            if e.problems().is_empty() {
                println!();
            }
            ExitCode::from(1)
        }
    }
}

fn codes(format: CodesFormat) -> ExitCode {
    match format {
        CodesFormat::Markdown => print!("{}", yoken::report::render::codes_markdown()),
        CodesFormat::Json => {
            let list: Vec<serde_json::Value> = yoken::Code::ALL
                .iter()
                .map(|c| {
                    let (ja, en) = c.meaning();
                    serde_json::json!({"code": c.as_str(), "kind": c.kind().name(), "meaning": {"ja": ja, "en": en}})
                })
                .collect();
            println!("{}", serde_json::Value::Array(list));
        }
        CodesFormat::Human => {
            for c in yoken::Code::ALL {
                let (ja, en) = c.meaning();
                println!(
                    "{:<34} {:<16} {en}\n{:<51} {ja}",
                    c.as_str(),
                    c.kind().name(),
                    ""
                );
            }
        }
    }
    ExitCode::SUCCESS
}

fn schema(which: SchemaKind, programme: Option<&str>) -> ExitCode {
    let value = match which {
        SchemaKind::Report => yoken::schema::report_schema(),
        SchemaKind::Programmes => yoken::schema::programmes_schema(),
        SchemaKind::Openapi => server::openapi::document(),
        SchemaKind::Form => {
            let catalog = Catalog::new();
            let Some(p) = programme.and_then(|id| catalog.get(id)) else {
                eprintln!(
                    "yoken: `schema form` needs --programme with one of: {}",
                    catalog
                        .iter()
                        .map(Programme::id)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return ExitCode::from(2);
            };
            yoken::schema::form_schema(p)
        }
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    ExitCode::SUCCESS
}
