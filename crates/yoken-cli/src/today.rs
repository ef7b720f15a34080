//! The native shell's one clock: today's date in Japan, the default `today` of `yoken check` and
//! of `yoken serve`. The core never reads a clock; this is the only place the shell does.

use chrono::NaiveDate;

/// Today's date in Japan (UTC+9, no daylight saving).
#[must_use]
#[allow(clippy::disallowed_methods)] // The one place the native shell reads the clock.
pub fn today_in_japan() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs + 9 * 3600) / 86_400;
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// The day a command checks on: its `--today` (ISO or 和暦), else today in Japan; a bad one is
/// said on standard error and is a usage error (exit 2).
pub fn from_arg(arg: Option<&str>) -> Result<NaiveDate, std::process::ExitCode> {
    match arg {
        None => Ok(today_in_japan()),
        Some(t) => yoken::today(t).map_err(|e| {
            crate::output::say(&format!("yoken: --{}", e.message().en));
            std::process::ExitCode::from(2)
        }),
    }
}
