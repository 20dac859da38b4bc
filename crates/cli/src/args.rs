//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Fossa Sync keeps your WorkFossa work orders synced on this machine.
#[derive(Debug, Parser)]
#[command(name = "fossa-sync", version, about, propagate_version = true)]
pub struct Cli {
    /// Where the database, logs and settings live [default: $FOSSA_SYNC_DATA_DIR, else ~/.local/share/com.fossasync.app]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show, change or preview the sync schedule.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// The current state, next run and last result.
    Status(JsonFlag),
    /// Past sync runs, newest first.
    History(HistoryArgs),
    /// Stop scheduled syncs for a while (manual syncs still work).
    Pause(PauseArgs),
    /// Resume scheduled syncs.
    Resume,
    /// Sync now and wait for the result: the work orders, then the dispensers of stations never
    /// read; `--job dispensers` reads every station's dispensers alone.
    Sync(SyncArgs),
    /// Run the scheduler in the foreground until Ctrl-C / SIGTERM.
    Daemon(DaemonArgs),
    /// The WorkFossa account used to log in.
    #[command(subcommand)]
    Account(AccountCommand),
    /// The synced work orders.
    WorkOrders(WorkOrdersArgs),
    /// The stations' dispensers, as last read from their location pages.
    Dispensers(DispensersArgs),
    /// What each sync added, changed and removed.
    Changes(ChangesArgs),
    /// Serve the simulated WorkFossa site (for trying things out and tests).
    Sim(SimArgs),
    /// Start the simulated site with changing data and run the daemon against it in a demo data
    /// dir; `demo off` leaves the demo.
    Demo(DemoArgs),
    /// The local HTTP API (`daemon --http`).
    #[command(subcommand)]
    Api(ApiCommand),
    /// Show or change the settings (the page reader, how many pages are read at once).
    #[command(subcommand)]
    Settings(SettingsCommand),
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print the settings.
    Show(JsonFlag),
    /// Change one setting; takes effect from the next sync.
    Set(SettingsSetArgs),
}

#[derive(Debug, Args)]
pub struct SettingsSetArgs {
    /// `page_reader` (auto, http or browser) or `fetch_concurrency` (1 to 8).
    pub name: String,
    /// The new value.
    pub value: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// Print the API's bearer token (creating it if needed).
    Token,
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Print the schedule.
    Show(ScheduleShowArgs),
    /// Change the schedule; only the options given change. Takes effect at once.
    Set(ScheduleSetArgs),
    /// The next fire instants (RFC3339, in the schedule's zone); ignores pause and jitter.
    Preview(PreviewArgs),
}

#[derive(Debug, Args)]
pub struct ScheduleShowArgs {
    /// The job's schedule: work_orders or dispensers.
    #[arg(long, default_value = "work_orders")]
    pub job: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default)]
pub struct ScheduleSetArgs {
    /// The job's schedule: work_orders (default) or dispensers.
    #[arg(long)]
    pub job: Option<String>,
    /// Time between syncs: 30m to 24h, e.g. 1h, 90m, 1h30m.
    #[arg(long)]
    pub interval: Option<String>,
    /// Local hours to sync in, e.g. 08:00-18:00 or 22:00-06:00, or `off` for all day.
    #[arg(long)]
    pub active_hours: Option<String>,
    /// Days: all, mon-fri, or a list like mon,wed,fri.
    #[arg(long)]
    pub days: Option<String>,
    /// IANA time zone, e.g. America/New_York.
    #[arg(long)]
    pub timezone: Option<String>,
    /// Random delay added to each sync: 0 to 10m, e.g. 2m or 90s.
    #[arg(long)]
    pub jitter: Option<String>,
    /// Turn scheduled syncs on or off.
    #[arg(long)]
    pub enabled: Option<bool>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Start instant (RFC3339) [default: now].
    #[arg(long)]
    pub from: Option<String>,
    /// How many instants.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(long)]
    pub json: bool,
    /// At most this many runs.
    #[arg(long, default_value_t = 20)]
    pub limit: i64,
    /// Only runs of this job: work_orders or dispensers.
    #[arg(long)]
    pub job: Option<String>,
    /// Only runs with this status: running, success, failed, interrupted, skipped.
    #[arg(long)]
    pub status: Option<String>,
    /// Only runs with this trigger: scheduled, manual, catch-up.
    #[arg(long)]
    pub trigger: Option<String>,
    /// Only runs started at or after this instant (RFC3339) or this long ago (e.g. 2h, 7d).
    #[arg(long)]
    pub since: Option<String>,
}

#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct PauseArgs {
    /// Pause for this long, e.g. 2h or 30m.
    #[arg(long = "for")]
    pub for_: Option<String>,
    /// Pause until this instant (RFC3339), or `tomorrow` (when the schedule's window opens
    /// tomorrow, in the schedule's zone).
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct DaemonArgs {
    /// Also serve the local HTTP API on this loopback address (e.g. 127.0.0.1:8765).
    #[arg(long)]
    pub http: Option<SocketAddr>,
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Store the email and password (the password goes to the OS keyring, or a 0600 file).
    Set(AccountSetArgs),
    /// Show the account (never the password) and where the password is kept.
    Show(JsonFlag),
    /// Log in to WorkFossa and report whether it worked.
    Test,
}

#[derive(Debug, Args)]
pub struct AccountSetArgs {
    #[arg(long)]
    pub email: String,
    /// Read the password from standard input instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
    /// The site address [default: https://app.workfossa.com].
    #[arg(long)]
    pub site: Option<String>,
}

#[derive(Debug, Args)]
pub struct WorkOrdersArgs {
    /// JSON array of records, sorted by number.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per work order.
    #[arg(long)]
    pub csv: bool,
    /// Only work orders whose text contains this.
    #[arg(long)]
    pub search: Option<String>,
    /// Only work orders with this category (its whole name, any case: "Meter Calibration").
    #[arg(long)]
    pub category: Option<String>,
    /// Also the ones that disappeared from WorkFossa.
    #[arg(long)]
    pub include_removed: bool,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Only this job: work_orders or dispensers [default: "Sync now", both].
    #[arg(long)]
    pub job: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DispensersArgs {
    /// Only this station's dispensers (the work order's location id).
    #[arg(long)]
    pub location: Option<i64>,
    /// JSON array of records (the dispenser record plus `read_at` and `stale`).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV, one row per dispenser.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// Only this run's changes.
    #[arg(long)]
    pub run: Option<i64>,
    /// Only runs started at or after this instant (RFC3339) or this long ago (e.g. 2h).
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8088")]
    pub listen: SocketAddr,
    /// Seed of the generated data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many work orders.
    #[arg(long, default_value_t = 60)]
    pub orders: usize,
    /// Change the data this often (e.g. 2m); off by default.
    #[arg(long)]
    pub churn: Option<String>,
    #[arg(long, default_value = "tech@example.com")]
    pub email: String,
    #[arg(long, default_value = "demo-password")]
    pub password: String,
    /// Shape of the list's paginator: `simple` (prev/next, as the real site's captured page)
    /// or `length-aware` (page links and an "N matches" count).
    #[arg(long, value_enum, default_value_t = SimPaginator::Simple)]
    pub paginator: SimPaginator,
    /// Application mode: the list URL answers only an application shell, and its script
    /// renders the rows in a browser (as the real site's single-page application may).
    #[arg(long)]
    pub spa: bool,
}

/// `fossa-sync sim --paginator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimPaginator {
    Simple,
    LengthAware,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DemoArgs {
    /// Port of the simulated site (0 = any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Also serve the local HTTP API on this loopback address.
    #[arg(long)]
    pub http: Option<SocketAddr>,
    /// Run the simulated site in application mode (list rows rendered by a script; reading
    /// them needs the browser page reader).
    #[arg(long)]
    pub spa: bool,
    #[command(subcommand)]
    pub action: Option<DemoCommand>,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Leave the demo: remove its work orders, syncs and account, and do not start it again
    /// (the desktop app then starts on your own data dir, even without an account).
    Off,
}
