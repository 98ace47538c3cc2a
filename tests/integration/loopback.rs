//! Small HTTP servers on loopback for the signing tests, run by python3: one serves a folder's
//! files (revocation lists), one answers each POST by running an OpenSSL command on it (the
//! time-stamping authority, the OCSP responder).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::sign::s;

/// What both servers end with: quiet, on a free loopback port, which they print.
const SERVE: &str = r#"
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"#;

/// Serves the files of a folder.
const FILES: &str = r#"
import http.server, sys
folder = sys.argv[1]
class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=folder, **kwargs)
"#;

/// Writes each POST's body to `FOLDER/query.der`, runs the command given after the folder and
/// the answer's content type (`QUERY` and `ANSWER` in it stand for the two files), and sends
/// back `FOLDER/answer.der`, or a 500 with what the command said.
const ANSWERING: &str = r#"
import http.server, subprocess, sys, os
folder, content_type, command = sys.argv[1], sys.argv[2], sys.argv[3:]
query, answer = os.path.join(folder, 'query.der'), os.path.join(folder, 'answer.der')
command = [{'QUERY': query, 'ANSWER': answer}.get(a, a) for a in command]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        with open(query, 'wb') as f:
            f.write(self.rfile.read(int(self.headers['Content-Length'])))
        ran = subprocess.run(command, capture_output=True, cwd=folder)
        if ran.returncode != 0:
            sys.stderr.write(ran.stderr.decode(errors='replace'))
            self.send_response(500)
            self.end_headers()
            self.wfile.write(ran.stderr)
            return
        with open(answer, 'rb') as f:
            body = f.read()
        self.send_response(200)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
"#;

/// A server, stopped when dropped.
pub struct Server {
    child: Child,
    /// Its address, `http://127.0.0.1:PORT/`.
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `handler` (a script defining `Handler`) then [`SERVE`], with `args`.
fn start(handler: &str, args: &[&str]) -> Server {
    let script = format!("{}{}", handler.trim_end(), SERVE);
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut port)
        .unwrap();
    Server {
        child,
        url: format!("http://127.0.0.1:{}/", port.trim()),
    }
}

/// Serves the files of `folder`.
pub fn files(folder: &Path) -> Server {
    start(FILES, &[s(folder)])
}

/// Answers each POST with what `command` (run in `folder`) writes to `ANSWER` from `QUERY`.
pub fn answering(folder: &Path, content_type: &str, command: &[&str]) -> Server {
    let mut args = vec![s(folder), content_type];
    args.extend_from_slice(command);
    start(ANSWERING, &args)
}
