//! `vanban serve [FOLDER]`: the web app, on a Tokio runtime of its own ([`crate::serve`]).

use crate::args::ServeArgs;
use crate::error::Error;
use crate::problem::Lang;

/// Serves until interrupted.
pub fn run(args: &ServeArgs, lang: Lang) -> Result<(), Error> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Read {
            path: args.folder.clone(),
            detail: e.to_string(),
        })
        .and_then(|runtime| runtime.block_on(crate::serve::serve(args, lang)))
}
