//! The end-to-end browser test, as a test binary of its own: cargo runs test binaries one
//! after another, so the preview it times does not share the two cores with the other tests.

#[path = "../integration/server.rs"]
#[allow(dead_code)]
mod server;

#[path = "../integration/tls_client.rs"]
#[allow(dead_code)]
mod tls_client;

#[path = "../integration/support.rs"]
#[allow(dead_code)]
mod support;

#[path = "../shared/task_notice.rs"]
mod task_notice;

#[path = "../shared/self_signed_token.rs"]
mod token;

#[path = "../shared/csc_standin.rs"]
mod csc_standin;

mod e2e;
mod field_notes;
mod form;
mod forms;
mod harness;
mod local_signing;
mod office;
mod pages;
mod remote_signing;
mod scenario;
mod scenario_record;
mod search;
mod signing;
mod signing_service;
mod tasks;
