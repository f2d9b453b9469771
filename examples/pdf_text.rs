//! Prints the text `zinepress` reads from a PDF source, before the repair
//! (`cargo run --release --example pdf_text FILE.pdf`): for looking at the geometry's evidence.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_text FILE.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    match zinepress::source::pdf::read(&bytes) {
        Ok(t) => {
            print!("{}", t.text);
            for w in t.warnings {
                eprintln!("warning: {path}: {w}");
            }
        }
        Err(e) => {
            eprintln!("error: {path}: the PDF {e}");
            std::process::exit(1);
        }
    }
}
