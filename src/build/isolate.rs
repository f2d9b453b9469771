//! A panic while building one zine fails that zine alone: [`isolate`] turns
//! it into the error `internal error at FILE:LINE (please report)`, and the
//! panic hook keeps the location for it instead of printing the message.
//!
//! This needs `panic = "unwind"` (see Cargo.toml). Temporary files are
//! removed by their guard's `Drop` as the panic unwinds (see `write_all_atomic`).

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// How many [`isolate`] calls this thread is inside.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last panic on this thread happened, for [`isolate`] to report.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic inside it into an error naming where it happened.
///
/// Must run on the thread that would panic: a panic from a rayon job spawned
/// inside `f` arrives re-thrown, without its location, so a parallel loop
/// isolates each of its jobs itself.
pub fn isolate<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    install_hook();
    LOCATION.with(|l| l.borrow_mut().take());
    DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    outcome.unwrap_or_else(|_| {
        let at = LOCATION.with(|l| l.borrow_mut().take());
        Err(anyhow::anyhow!(
            "internal error{} (please report)",
            at.map(|at| format!(" at {at}")).unwrap_or_default()
        ))
    })
}

/// Installs (once) a panic hook that, for a panic inside [`isolate`], records
/// its location and prints nothing, unless `RUST_BACKTRACE` asks for the
/// details; other panics go to the hook that was there before.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                return previous(info);
            }
            let at = info
                .location()
                .map(|l| format!("{}:{}", short_path(l.file()), l.line()));
            LOCATION.with(|l| *l.borrow_mut() = at);
            if verbose {
                previous(info);
            }
        }));
    });
}

/// A source path as a report should show it: a dependency's from its crate
/// folder ("krilla-0.8.2/src/…") rather than from the registry's.
fn short_path(file: &str) -> &str {
    match file.split_once("/registry/src/") {
        Some((_, in_registry)) => in_registry
            .split_once('/')
            .map_or(in_registry, |(_, krate)| krate),
        None => file,
    }
}

/// For tests only: `ZINEPRESS_TEST_PANIC=SLUG` makes zine SLUG panic once its
/// files are written under their temporary names, so that the tests can check
/// that the panic fails that zine alone and leaves no file behind.
pub fn panic_if_a_test_asks(slug: &str) {
    if std::env::var_os("ZINEPRESS_TEST_PANIC").is_some_and(|s| s == slug) {
        panic!("ZINEPRESS_TEST_PANIC asked zine {slug} to panic");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_location() {
        let err = isolate::<()>(|| panic!("boom")).unwrap_err().to_string();
        let line = line!() - 1;
        assert_eq!(
            err,
            format!("internal error at src/build/isolate.rs:{line} (please report)")
        );
        // Errors and values pass through untouched.
        assert_eq!(isolate(|| Ok(7)).unwrap(), 7);
        assert_eq!(
            isolate::<()>(|| Err(anyhow::anyhow!("plain")))
                .unwrap_err()
                .to_string(),
            "plain"
        );
    }

    #[test]
    fn a_panic_inside_nested_isolation_is_reported_by_the_inner_one() {
        let outer = isolate(|| {
            let inner = isolate::<()>(|| {
                let v: Vec<u8> = Vec::new();
                let _ = v[3];
                Ok(())
            });
            assert!(inner
                .unwrap_err()
                .to_string()
                .starts_with("internal error at src/build/isolate.rs:"));
            Ok("outer fine")
        });
        assert_eq!(outer.unwrap(), "outer fine");
    }

    #[test]
    fn registry_paths_are_shortened_to_the_crate() {
        assert_eq!(short_path("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/krilla-0.8.2/src/font.rs"), "krilla-0.8.2/src/font.rs");
        assert_eq!(
            short_path("src/typeset/paragraph.rs"),
            "src/typeset/paragraph.rs"
        );
    }
}
