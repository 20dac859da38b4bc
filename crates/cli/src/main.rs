//! `fossa-sync`: the headless command line of Fossa Sync. It only wires: each command is a few
//! lines over the engine handle in `fossa-core`.

mod args;
mod commands;
mod context;
mod logging;
mod progress;
mod util;

use args::{
    AccountCommand, ApiCommand, Cli, Command, DemoArgs, DemoCommand, ScheduleCommand,
    SettingsCommand,
};
use clap::Parser;
use commands::{account, api, daemon, data, runs, schedule, settings};
use context::Context;
use fossa_core::error::EngineResult;
use fossa_core::model::RunStatus;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = match Context::new(cli.data_dir.as_deref()) {
        Ok(ctx) => ctx,
        Err(error) => return fail(&error.to_string()),
    };
    let _log_guard = logging::init(&cli, &ctx.data_dir);
    let code = match run(&cli, &ctx).await {
        Ok(code) => code,
        Err(error) => fail(&error.to_string()),
    };
    report_peak_rss();
    code
}

/// For the benchmark: `FOSSA_SYNC_REPORT_PEAK_RSS=1` prints the process's peak RSS on stderr.
fn report_peak_rss() {
    if std::env::var_os("FOSSA_SYNC_REPORT_PEAK_RSS").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|line| line.starts_with("VmHWM:")) {
        let kb: String = line.chars().filter(char::is_ascii_digit).collect();
        eprintln!("peak_rss_kb={kb}");
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

async fn run(cli: &Cli, ctx: &Context) -> EngineResult<ExitCode> {
    match &cli.command {
        Command::Schedule(ScheduleCommand::Show(args)) => schedule::show(ctx, args).await?,
        Command::Schedule(ScheduleCommand::Set(args)) => schedule::set(ctx, args).await?,
        Command::Schedule(ScheduleCommand::Preview(args)) => schedule::preview(ctx, args).await?,
        Command::Status(flag) => runs::status(ctx, flag.json).await?,
        Command::History(args) => runs::history(ctx, args).await?,
        Command::Pause(args) => runs::pause(ctx, args).await?,
        Command::Resume => runs::resume(ctx).await?,
        Command::Sync(args) => {
            let run = runs::sync(ctx, args).await?;
            return Ok(match run.status {
                RunStatus::Success => ExitCode::SUCCESS,
                status => {
                    let reason = run
                        .error
                        .unwrap_or_else(|| format!("the sync ended as {}", status.as_str()));
                    eprintln!("error: {reason}");
                    // 3 = skipped because offline, 1 = failed or interrupted.
                    ExitCode::from(if status == RunStatus::Skipped { 3 } else { 1 })
                }
            });
        }
        Command::Daemon(args) => daemon::daemon(ctx, args).await?,
        Command::Account(AccountCommand::Set(args)) => account::set(ctx, args).await?,
        Command::Account(AccountCommand::Show(flag)) => account::show(ctx, flag.json).await?,
        Command::Account(AccountCommand::Test) => account::test(ctx).await?,
        Command::WorkOrders(args) => data::work_orders(ctx, args).await?,
        Command::Dispensers(args) => data::dispensers(ctx, args).await?,
        Command::Changes(args) => data::changes(ctx, args).await?,
        Command::Sim(args) => daemon::sim(args).await?,
        Command::Demo(DemoArgs {
            action: Some(DemoCommand::Off),
            ..
        }) => daemon::demo_off(ctx).await?,
        Command::Demo(args) => daemon::demo(ctx, args).await?,
        Command::Api(ApiCommand::Token) => api::token(ctx)?,
        Command::Settings(SettingsCommand::Show(flag)) => settings::show(ctx, flag.json).await?,
        Command::Settings(SettingsCommand::Set(args)) => settings::set(ctx, args).await?,
    }
    Ok(ExitCode::SUCCESS)
}
