//! `account set | show | test`. The password is read from a prompt or stdin, never an argument.

use crate::args::AccountSetArgs;
use crate::context::Context;
use crate::util::print_json;
use fossa_core::credentials::PasswordStore;
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::workfossa::Password;
use std::io::{BufRead, IsTerminal};

pub async fn set(ctx: &Context, args: &AccountSetArgs) -> EngineResult<()> {
    let password = if args.password_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| EngineError::io("Could not read the password from stdin", e))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        rpassword::prompt_password("WorkFossa password: ")
            .map_err(|e| EngineError::io("Could not read the password", e))?
    };
    let kind = ctx
        .reader()
        .await?
        .save_account(&args.email, &Password::new(password), args.site.as_deref())
        .await?;
    println!(
        "Saved the account {}; the password is in {}.",
        args.email.trim(),
        describe(kind)
    );
    Ok(())
}

fn describe(kind: PasswordStore) -> &'static str {
    match kind {
        PasswordStore::Keyring => "the system keyring",
        PasswordStore::File => {
            "a file readable only by you in the data dir (no keyring service here)"
        }
        PasswordStore::Environment => "the WORKFOSSA_PASSWORD environment variable",
        PasswordStore::None => "no store (not set)",
    }
}

pub async fn show(ctx: &Context, json: bool) -> EngineResult<()> {
    let info = ctx.reader().await?.account().await?;
    if json {
        return print_json(&info);
    }
    println!("site:     {}", info.site_url);
    println!("email:    {}", info.email.as_deref().unwrap_or("(not set)"));
    println!("password: {}", describe(info.password_store));
    Ok(())
}

/// Logs in once (the engine's `test_login`, as the window's "Test login") and reports the
/// outcome in one sentence.
pub async fn test(ctx: &Context) -> EngineResult<()> {
    let handle = ctx.reader().await?;
    handle.test_login().await?;
    let info = handle.account().await?;
    let email = info.email.as_deref().unwrap_or("(no email)");
    println!("Logged in to {} as {email}.", info.site_url);
    Ok(())
}
