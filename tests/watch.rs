//! `zinepress watch` on the real binary: a change rebuilds only its zine, a
//! broken zinepress.toml is reported and watching goes on, a new source is
//! picked up, Ctrl-C stops cleanly, `--serve` answers on 127.0.0.1 and tells
//! pages to reload; and the preview page (`dist/index.html`) links every
//! output that exists and no other, checked by parsing it.
//!
//! Every wait polls for a condition with a deadline; none sleeps and hopes.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long any one condition may take: generous, since CI machines are
/// shared; a passing run waits only as long as the condition takes.
const DEADLINE: Duration = Duration::from_secs(90);

const HOWTO: &str = "sources/how-to-make-a-zine.md";

/// A project whose zines are the files of `sources/` (no `[[zine]]` tables):
/// `a` and `b`, two copies of the how-to with their own titles.
fn project(config: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("zinepress-watch-")
        .tempdir_in(std::env::temp_dir())
        .unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    let howto = std::fs::read_to_string(repo().join(HOWTO)).unwrap();
    for slug in ["a", "b"] {
        std::fs::write(
            dir.path().join(format!("sources/{slug}.md")),
            retitle(&howto, &format!("Zine {}", slug.to_uppercase())),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("zinepress.toml"), config).unwrap();
    dir
}

/// The how-to with its front matter's title replaced.
fn retitle(text: &str, title: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("title:") {
                format!("title: \"{title}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

const EPUB_ONLY: &str = "[project]\nlanguage = \"en\"\n";

/// A running `zinepress watch`, its stderr collected line by line.
struct Watch {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = zinepress()
            .current_dir(dir)
            .arg("watch")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the zinepress binary runs");
        let log = Arc::new(Mutex::new(String::new()));
        let (sink, stderr) = (Arc::clone(&log), child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let w = Watch { child, log };
        w.wait_for("the first build and the watcher", |log| {
            log.contains("Ctrl-C stops")
        });
        w
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The log from byte `from` on.
    fn since(&self, from: usize) -> String {
        self.log().get(from..).unwrap_or_default().to_string()
    }

    /// Polls until `done(log)` holds; fails the test at the deadline with the log.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        poll(what, || {
            let log = self.log();
            done(&log).then_some(log)
        })
        .unwrap_or_else(|| panic!("waited {DEADLINE:?} for {what}; the log:\n{}", self.log()))
    }

    /// Waits for one more rebuild after byte `from` of the log: its summary line.
    fn rebuild_after(&self, from: usize, what: &str) -> String {
        self.wait_for(what, |log| {
            log.get(from..).is_some_and(|l| {
                l.lines()
                    .any(|line| line.contains(" failed in ") || line.starts_with("error:"))
            })
        });
        self.since(from)
    }

    /// Ctrl-C, then the exit status within the deadline.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -INT {pid} failed");
        let status = poll("zinepress watch to stop after Ctrl-C", || {
            self.child.try_wait().unwrap()
        })
        .unwrap_or_else(|| panic!("still running {DEADLINE:?} after Ctrl-C:\n{}", self.log()));
        // The reader thread ends with the pipe; wait for the last line.
        let log = self.wait_for("the last log line", |log| log.contains("stopped watching"));
        (status, log)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Calls `check` every 20 ms until it gives a value, or `None` at the deadline.
fn poll<T>(_what: &str, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let end = Instant::now() + DEADLINE;
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if Instant::now() > end {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes a file the way an editor saves: to a temporary name, then renamed over it.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn append(path: &Path, text: &str) {
    let mut all = std::fs::read_to_string(path).unwrap();
    all.push_str(text);
    save(path, &all);
}

fn no_temp_files(dir: &Path) {
    let temps: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        temps.is_empty(),
        "temporary files left in {}: {temps:?}",
        dir.display()
    );
}

#[test]
fn a_changed_source_rebuilds_that_zine_alone_and_ctrl_c_stops_cleanly() {
    let p = project(EPUB_ONLY);
    let w = Watch::start(p.path(), &["--format", "epub"]);
    let first = w.log();
    assert!(
        first.contains("built a ") && first.contains("built b "),
        "both zines built first:\n{first}"
    );
    let dist = p.path().join("dist");
    let b_before = std::fs::read(dist.join("b.epub")).unwrap();
    let a_before = std::fs::read(dist.join("a.epub")).unwrap();

    let mark = w.log().len();
    append(
        &p.path().join("sources/a.md"),
        "\nA paragraph added while watching, with the word marmalade.\n",
    );
    let log = w.rebuild_after(mark, "the rebuild after editing a.md");
    assert!(
        log.contains("changed: sources/a.md"),
        "the change is named, the editor's temporary file is not:\n{log}"
    );
    assert!(
        log.contains("built a ") && !log.contains(" b "),
        "only a is rebuilt (cached zines are not listed):\n{log}"
    );
    assert!(
        log.contains("2 zines: 1 built, 1 cached, 0 failed"),
        "{log}"
    );
    assert_ne!(
        std::fs::read(dist.join("a.epub")).unwrap(),
        a_before,
        "a.epub was rebuilt"
    );
    assert_eq!(
        std::fs::read(dist.join("b.epub")).unwrap(),
        b_before,
        "b.epub was left alone"
    );

    let (status, log) = w.interrupt();
    assert!(
        status.success(),
        "Ctrl-C is a clean stop: {status:?}\n{log}"
    );
    no_temp_files(&dist);
}

#[test]
fn a_broken_zinepress_toml_is_reported_and_watching_goes_on() {
    let p = project(EPUB_ONLY);
    let w = Watch::start(p.path(), &["--format", "epub"]);
    let toml = p.path().join("zinepress.toml");

    let mark = w.log().len();
    std::fs::write(&toml, "[project\nlanguage = \"en\"\n").unwrap();
    let log = w.rebuild_after(mark, "the error of a broken zinepress.toml");
    assert!(
        log.lines()
            .any(|l| l.starts_with("error:") && l.contains("zinepress.toml")),
        "the error names the file:\n{log}"
    );
    // The last good outputs stay in place.
    assert!(p.path().join("dist/a.epub").is_file() && p.path().join("dist/index.html").is_file());

    let mark = w.log().len();
    std::fs::write(
        &toml,
        "[project]\nlanguage = \"en\"\nrights = \"CC BY 4.0\"\n",
    )
    .unwrap();
    let log = w.rebuild_after(mark, "the rebuild once zinepress.toml is fixed");
    assert!(
        log.contains("built a ") && log.contains(" 0 failed"),
        "watching went on:\n{log}"
    );
    let (status, log) = w.interrupt();
    assert!(status.success(), "{status:?}\n{log}");
}

#[test]
fn a_new_source_is_picked_up() {
    let p = project(EPUB_ONLY);
    let w = Watch::start(p.path(), &["--format", "epub"]);
    let mark = w.log().len();
    // A new folder too: sources/more/ did not exist when watching began.
    std::fs::create_dir(p.path().join("sources/more")).unwrap();
    std::fs::write(
        p.path().join("sources/c.md"),
        "---\ntitle: \"Zine C\"\n---\n\nA short new zine about watching files.\n",
    )
    .unwrap();
    let log = w.rebuild_after(mark, "the build of the new source");
    assert!(log.contains("built c "), "{log}");
    assert!(p.path().join("dist/c.epub").is_file());
    let page = std::fs::read_to_string(p.path().join("dist/index.html")).unwrap();
    assert!(
        page.contains("Zine C"),
        "the preview has a card for the new zine"
    );
}

/// `href`s of `<a>` and `src`s of `<img>` in the preview page, parsed as XML.
fn links(page: &str) -> BTreeSet<String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(page, opts)
        .unwrap_or_else(|e| panic!("the preview page does not parse: {e}"));
    doc.descendants()
        .filter_map(|n| match n.tag_name().name() {
            "a" => n.attribute("href"),
            "img" => n.attribute("src"),
            _ => None,
        })
        .map(str::to_string)
        .collect()
}

/// The zine files of a folder: not hidden, not the page itself.
fn outputs(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && n != "index.html")
        .collect()
}

#[test]
fn the_preview_page_links_every_output_that_exists_and_no_other() {
    let p = project("[project]\nlanguage = \"en\"\nlayouts = [\"minizine-a4\"]\n");
    std::fs::create_dir(p.path().join("covers")).unwrap();
    std::fs::copy(
        repo().join("covers/how-to-make-a-zine.png"),
        p.path().join("covers/a.png"),
    )
    .unwrap();
    let o = run_in(p.path(), &["build", "--proof"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dist = p.path().join("dist");
    let page = || std::fs::read_to_string(dist.join("index.html")).unwrap();
    let expected: BTreeSet<String> = [
        "a.epub",
        "a.pdf",
        "a.cover.png",
        "a.minizine-a4.pdf",
        "a.minizine-a4.guide.png",
        "a.minizine-a4.pages.pdf",
        "b.epub",
        "b.pdf",
        "b.minizine-a4.pdf",
        "b.minizine-a4.guide.png",
        "b.minizine-a4.pages.pdf",
    ]
    .map(String::from)
    .into();
    assert_eq!(outputs(&dist), expected, "the files the build wrote");
    assert_eq!(links(&page()), expected, "one link for each of them");

    // A file removed by hand is no longer linked once the page is written
    // again, here by a build of the other zine alone.
    std::fs::remove_file(dist.join("b.minizine-a4.pages.pdf")).unwrap();
    std::fs::remove_file(dist.join("b.minizine-a4.guide.png")).unwrap();
    let o = run_in(p.path(), &["build", "--proof", "sources/a.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let left: BTreeSet<String> = expected
        .iter()
        .filter(|n| !n.starts_with("b.minizine-a4.pages") && !n.starts_with("b.minizine-a4.guide"))
        .cloned()
        .collect();
    assert_eq!(outputs(&dist), left);
    assert_eq!(links(&page()), left, "only files that exist are linked");

    // The page links the files of each zine's last build: after an EPUB-only
    // build, the PDFs of the build before are still there but not linked.
    let o = run_in(p.path(), &["build", "--format", "epub"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        links(&page()),
        ["a.cover.png", "a.epub", "b.epub"].map(String::from).into()
    );

    // An index.html zinepress did not write is left alone.
    std::fs::write(dist.join("index.html"), "<p>mine</p>").unwrap();
    let o = run_in(p.path(), &["build", "--format", "epub", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(page(), "<p>mine</p>");
}

/// The number before " pages" in a zine's card.
fn card_pages(page: &str, title: &str) -> usize {
    let card = page
        .split("<article")
        .find(|c| c.contains(&format!("<h2>{title}</h2>")))
        .unwrap_or_else(|| panic!("no card for {title}:\n{page}"));
    let facts = card
        .split("<p class=\"facts\">")
        .nth(1)
        .and_then(|f| f.split(" pages").next())
        .unwrap_or_else(|| panic!("no page count:\n{card}"));
    facts
        .trim()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|e| panic!("{facts}: {e}"))
}

/// `pdfinfo`'s page count.
fn pdf_pages(pdf: &Path) -> usize {
    let o = tool("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&o.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Pages:\n{info}"))
}

/// GET `path` from 127.0.0.1:`port`: the status line and the body.
fn get(port: u16, path: &str) -> (String, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&all[..split]).into_owned();
    (
        head.lines().next().unwrap_or_default().to_string(),
        all[split + 4..].to_vec(),
    )
}

#[test]
fn served_preview_shows_the_new_cover_and_page_count_after_an_edit() {
    let p = project("[project]\nlanguage = \"en\"\nlayouts = []\n");
    std::fs::create_dir(p.path().join("covers")).unwrap();
    std::fs::copy(
        repo().join("covers/how-to-make-a-zine.png"),
        p.path().join("covers/a.png"),
    )
    .unwrap();
    let w = Watch::start(p.path(), &["--serve", "--port", "0"]);
    let log = w.log();
    let url = log
        .lines()
        .find_map(|l| l.split(" at ").nth(1).filter(|_| l.starts_with("serving ")))
        .unwrap_or_else(|| panic!("no URL:\n{log}"));
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "served on 127.0.0.1 only: {url}"
    );
    let port: u16 = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();

    let (status, body) = get(port, "/");
    assert!(status.contains("200"), "{status}");
    let served = String::from_utf8(body).unwrap();
    assert!(
        served.contains("/__zinepress/wait") && served.contains("<h2>Zine A</h2>"),
        "the page, with its reload script:\n{served}"
    );
    let on_disk = std::fs::read_to_string(p.path().join("dist/index.html")).unwrap();
    assert!(
        !on_disk.contains("<script"),
        "the file on disk needs no script"
    );
    let pages_before = card_pages(&on_disk, "Zine A");
    let cover_before = get(port, "/a.cover.png").1;
    assert_eq!(
        cover_before,
        std::fs::read(p.path().join("dist/a.cover.png")).unwrap()
    );
    assert!(
        get(port, "/../zinepress.toml").0.contains("404"),
        "nothing outside the output folder"
    );

    // A long poll from before the edit returns once the rebuild is done.
    let generation = served
        .split("seen = ")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .unwrap()
        .to_string();
    let waiter =
        std::thread::spawn(move || get(port, &format!("/__zinepress/wait?since={generation}")).1);

    // Four times the text, and another cover.
    let mark = w.log().len();
    let a = p.path().join("sources/a.md");
    let text = std::fs::read_to_string(&a).unwrap();
    let body = text.splitn(3, "---").nth(2).unwrap().to_string();
    save(&a, &format!("{text}\n{body}\n{body}\n{body}"));
    std::fs::copy(
        repo().join("covers/beyond-activism.png"),
        p.path().join("covers/a.png"),
    )
    .unwrap();
    let log = w.wait_for("the rebuild after the edit and the new cover", |log| {
        log.get(mark..).is_some_and(|l| l.contains("built a "))
            && std::fs::read(p.path().join("dist/a.cover.png")).is_ok_and(|c| c != cover_before)
    });
    let answer = String::from_utf8(waiter.join().unwrap()).unwrap();
    assert!(
        answer
            .split(' ')
            .nth(1)
            .is_some_and(|g| g.trim().parse::<u64>().is_ok()),
        "the long poll answers with a generation: {answer}"
    );

    let page = std::fs::read_to_string(p.path().join("dist/index.html")).unwrap();
    let pages_after = card_pages(&page, "Zine A");
    assert!(
        pages_after > pages_before,
        "the card's page count grew from {pages_before} to {pages_after}:\n{}",
        log.get(mark..).unwrap_or_default()
    );
    assert_eq!(
        pages_after,
        pdf_pages(&p.path().join("dist/a.pdf")),
        "the card counts the reading copy's pages"
    );
    assert_eq!(
        get(port, "/a.cover.png").1,
        std::fs::read(p.path().join("dist/a.cover.png")).unwrap(),
        "the new cover is served"
    );
    assert_eq!(card_pages(&page, "Zine B"), pages_before, "b is unchanged");
}
