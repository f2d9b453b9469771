//! Prints the text `zinepress` reads from a PDF source, before the repair
//! (`cargo run --release --example pdf_text FILE.pdf [--marks]`): for looking at
//! the geometry's evidence. With `--marks` each line is prefixed by its 1-based
//! number and `R` (runs on into the next line) or `H` (set as a heading).

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
    match zinepress::source::pdf::read(&bytes) {
        Ok(t) => {
            if marks {
                for (i, line) in t.text.split('\n').enumerate() {
                    let no = i + 1;
                    let r = if t.runs_on.contains(&no) { 'R' } else { ' ' };
                    let h = if t.headings.contains(&no) { 'H' } else { ' ' };
                    println!("{no:5} {r}{h} {line}");
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
