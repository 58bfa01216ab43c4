//! Where the time of a start goes, for whoever measures it: with `QIAOMEN_TRACE=FILE` each
//! `mark` appends one line to FILE, `pid milliseconds-since-main label` (see benches/README,
//! "the TUI's first frame"). Without the variable a mark costs one relaxed load.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

struct Trace {
    start: Instant,
    file: Option<std::sync::Mutex<std::fs::File>>,
}

static TRACE: OnceLock<Trace> = OnceLock::new();

fn trace() -> &'static Trace {
    TRACE.get_or_init(|| Trace {
        start: Instant::now(),
        file: std::env::var_os("QIAOMEN_TRACE")
            .filter(|p| !p.is_empty())
            .and_then(|p| {
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .ok()
            })
            .map(std::sync::Mutex::new),
    })
}

/// Starts the clock (the first line of `main_with`).
pub fn start() {
    mark("main");
}

/// Appends `label` with the time since `start`, when tracing.
pub fn mark(label: &str) {
    let t = trace();
    if let Some(file) = &t.file {
        let ms = t.start.elapsed().as_secs_f64() * 1000.0;
        let line = format!("{} {ms:.1} {label}\n", std::process::id());
        if let Ok(mut f) = file.lock() {
            let _ = f.write_all(line.as_bytes());
        }
    }
}
