//! `zinepress watch --serve`: a small HTTP server, on 127.0.0.1 only, for
//! the output folder. HTML pages are served with a short script added that
//! asks `/__zinepress/wait` (a long poll) and reloads the page when a rebuild
//! finishes; the files on disk stay as the build wrote them, script-free.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The long-poll endpoint: `GET /__zinepress/wait?since=N` answers
/// `SERVER GENERATION` once the generation is past N (or after [`WAIT`]).
pub const WAIT_PATH: &str = "/__zinepress/wait";

/// How long a long poll is held before it is answered unchanged.
const WAIT: Duration = Duration::from_secs(25);

/// What the pages are told.
#[derive(Debug, Default)]
struct Status {
    /// Bumped when a rebuild finishes.
    generation: u64,
    /// Why the project could not be built, shown on top of served pages.
    error: Option<String>,
}

#[derive(Default)]
struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

/// A running server; it stops with the process.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl Server {
    /// Serves `out` on 127.0.0.1:`port` (0: any free port) from a thread of its own.
    pub fn start(out: &Path, port: u16) -> anyhow::Result<Server> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
            anyhow::anyhow!("cannot serve on 127.0.0.1:{port}: {e}; give another port with --port N (0 takes any free one)")
        })?;
        let addr = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| anyhow::anyhow!("the server has no IP address"))?;
        let shared = Arc::new(Shared::default());
        // Tells this server's pages from those of an earlier run, whose generations were counted anew.
        let id = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default()
            ^ u128::from(std::process::id());
        let (state, out) = (Arc::clone(&shared), out.to_path_buf());
        std::thread::Builder::new()
            .name("zinepress serve".into())
            .spawn(move || {
                for request in http.incoming_requests() {
                    let (state, out) = (Arc::clone(&state), out.clone());
                    // Long polls wait for minutes: each request gets its own thread.
                    let _ = std::thread::Builder::new()
                        .name("zinepress request".into())
                        .spawn(move || answer(request, &out, &state, id));
                }
            })?;
        Ok(Server { addr, shared })
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Tells waiting pages that a rebuild finished; `error` is shown on top of
    /// pages until a later rebuild succeeds.
    pub fn rebuilt(&self, error: Option<String>) {
        let mut status = self.shared.status.lock().unwrap_or_else(|e| e.into_inner());
        status.generation += 1;
        status.error = error;
        self.shared.changed.notify_all();
    }
}

fn answer(request: tiny_http::Request, out: &Path, shared: &Shared, id: u128) {
    use tiny_http::{Method, Response};
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name, value).expect("an ASCII header")
    };
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD\n").with_status_code(405));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == WAIT_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        let generation = wait_past(shared, since, WAIT);
        let _ = request.respond(
            Response::from_string(format!("{id} {generation}"))
                .with_header(header("Content-Type", "text/plain"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let Some(file) = file_for(out, path) else {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    };
    let Ok(mut bytes) = std::fs::read(&file) else {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let status = shared.status.lock().unwrap_or_else(|e| e.into_inner());
        bytes = with_reload(
            &String::from_utf8_lossy(&bytes),
            id,
            status.generation,
            status.error.as_deref(),
        )
        .into_bytes();
    }
    let _ = request.respond(
        Response::from_data(bytes)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store")),
    );
}

/// Waits until the generation is past `since`, for at most `limit`; returns it.
fn wait_past(shared: &Shared, since: u64, limit: Duration) -> u64 {
    let status = shared.status.lock().unwrap_or_else(|e| e.into_inner());
    let (status, _) = shared
        .changed
        .wait_timeout_while(status, limit, |s| s.generation <= since)
        .unwrap_or_else(|e| e.into_inner());
    status.generation
}

/// The file of `out` a URL path names: percent-decoded, a folder meaning its
/// index.html; `None` for anything that would leave the folder (`..`, an
/// absolute part, a link pointing out of it) or is not a file.
pub fn file_for(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = out.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut parts = Path::new(part).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(name)), None) => file.push(name),
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push(crate::preview::PAGE);
    }
    let (real, root) = (file.canonicalize().ok()?, out.canonicalize().ok()?);
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("pdf") => "application/pdf",
        Some("epub") => "application/epub+zip",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A page as served: a script that reloads it when the server's generation
/// passes `generation` (or the server is another one), and the current
/// build error, if any, on top.
pub fn with_reload(html: &str, id: u128, generation: u64, error: Option<&str>) -> String {
    let script = format!(
        "<script>\n(function () {{\n  var id = \"{id}\", seen = {generation};\n  function poll() {{\n    fetch(\"{WAIT_PATH}?since=\" + seen, {{ cache: \"no-store\" }})\n      .then(function (r) {{ return r.text(); }})\n      .then(function (t) {{\n        var p = t.split(\" \");\n        if (p[0] !== id || Number(p[1]) > seen) {{ location.reload(); }} else {{ poll(); }}\n      }})\n      .catch(function () {{ setTimeout(poll, 1000); }});\n  }}\n  poll();\n}})();\n</script>\n"
    );
    let banner = error
        .map(|e| {
            format!(
                "<div style=\"position:sticky;top:0;z-index:9;background:#5c130d;color:#fff;padding:0.6rem 1rem;font:0.95rem/1.4 sans-serif;white-space:pre-wrap\">zinepress could not build: {}</div>\n",
                crate::preview::esc(e)
            )
        })
        .unwrap_or_default();
    let mut page = html.to_string();
    match page.find("<body>") {
        Some(at) => page.insert_str(at + "<body>".len(), &format!("\n{banner}")),
        None => page.insert_str(0, &banner),
    }
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("dist");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::write(out.join("index.html"), "x").unwrap();
        std::fs::write(out.join("a b.pdf"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        let real = |p: &str| Some(out.join(p).canonicalize().unwrap());
        assert_eq!(file_for(&out, "/"), real("index.html"));
        assert_eq!(file_for(&out, "/index.html"), real("index.html"));
        assert_eq!(file_for(&out, "/a%20b.pdf"), real("a b.pdf"));
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/sub",
            "/missing.pdf",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(file_for(&out, bad), None, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt"))
                .unwrap();
            assert_eq!(
                file_for(&out, "/link.txt"),
                None,
                "a link out of the folder"
            );
        }
    }

    #[test]
    fn served_pages_get_the_reload_script_and_the_error() {
        let page = "<html><body>\n<p>x</p>\n</body></html>";
        let served = with_reload(page, 7, 3, Some("zinepress.toml:2: bad <key>"));
        assert!(served.contains("var id = \"7\", seen = 3;"), "{served}");
        assert!(served.find("<script>").unwrap() > served.find("<p>x</p>").unwrap());
        assert!(
            served.contains("could not build: zinepress.toml:2: bad &lt;key&gt;"),
            "{served}"
        );
        assert!(!with_reload(page, 7, 3, None).contains("could not build"));
    }

    #[test]
    fn a_long_poll_returns_when_a_rebuild_finishes() {
        let shared = Arc::new(Shared::default());
        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || wait_past(&shared, 0, Duration::from_secs(30)))
        };
        {
            let mut s = shared.status.lock().unwrap();
            s.generation = 1;
            shared.changed.notify_all();
        }
        assert_eq!(waiter.join().unwrap(), 1);
        // Already past: answered at once; nothing new: answered after the limit, unchanged.
        assert_eq!(wait_past(&shared, 0, Duration::from_secs(30)), 1);
        assert_eq!(wait_past(&shared, 1, Duration::from_millis(10)), 1);
    }
}
