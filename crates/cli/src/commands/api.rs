//! `api token`: prints the local HTTP API's bearer token, creating `<data dir>/api-token` if needed.

use crate::context::Context;
use fossa_api::ApiAuth;
use fossa_core::error::EngineResult;

pub fn token(ctx: &Context) -> EngineResult<()> {
    println!("{}", ApiAuth::load_or_create(&ctx.data_dir)?.token());
    Ok(())
}
