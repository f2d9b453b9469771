//! Prints the text `zinepress` reads from a PDF source, before the repair
//! (`cargo run --release --example pdf_text FILE.pdf [--marks | --geometry]`): for looking at
//! the geometry's evidence. With `--marks` each line is prefixed by its 1-based
//! number and `R` (runs on into the next line), `H` (set as a heading), `F` (page furniture),
//! `N` (a foot-of-page note's line).
//! With `--geometry`, each line's page, role, baseline, left and right ends and size.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let marks = args.iter().any(|a| a == "--marks");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_text FILE.pdf [--marks]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    if args.iter().any(|a| a == "--geometry") {
        geometry(&bytes);
        return;
    }
    match zinepress::source::pdf::read(&bytes) {
        Ok(t) => {
            if marks {
                for (i, line) in t.text.split('\n').enumerate() {
                    let no = i + 1;
                    let r = if t.runs_on.contains(&no) { 'R' } else { ' ' };
                    let h = if t.headings.contains(&no) { 'H' } else { ' ' };
                    let f = if t.furniture.contains(&no) { 'F' } else { ' ' };
                    let n = if t.notes.contains(&no) { 'N' } else { ' ' };
                    println!("{no:5} {r}{h}{f}{n} {line}");
                }
            } else {
                print!("{}", t.text);
            }
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

/// Prints every line with its page, role and measures.
fn geometry(bytes: &[u8]) {
    use zinepress::source::pdf::{glyphs, lines, roles};
    let Ok(pdf) = hayro_syntax::Pdf::new(bytes.to_vec()) else {
        eprintln!("not a readable PDF");
        std::process::exit(1);
    };
    let pages: Vec<Vec<lines::Line>> = glyphs::read_pages(&pdf)
        .iter()
        .map(|p| lines::lines(&p.glyphs))
        .collect();
    let Some(body) = roles::body_of(&pages) else {
        return;
    };
    println!("body size {:.2} leading {:.2}", body.size, body.leading);
    for (n, page) in pages.iter().enumerate() {
        let r = roles::roles(page, &body);
        for (l, role) in page.iter().zip(r) {
            println!(
                "p{:<3} {:6} y {:7.2} x {:6.2}-{:6.2} size {:5.2}{} {}",
                n + 1,
                format!("{role:?}"),
                l.y,
                l.x0,
                l.x1,
                l.size,
                if l.bold { " bold" } else { "" },
                l.text
            );
        }
    }
}
