//! Golden files of stored bytes: `tests/golden/<name>.v<version>.hex`, one byte per hex pair,
//! 16 a line, with `#` comment lines. `QIAOMEN_BLESS=1` rewrites them from the encoder; review
//! the diff before committing, since a changed golden means old databases no longer read.

use std::fmt::Write as _;
use std::path::PathBuf;

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");

pub fn path(name: &str, version: u8) -> PathBuf {
    PathBuf::from(DIR).join(format!("{name}.v{version}.hex"))
}

fn blessing() -> bool {
    std::env::var_os("QIAOMEN_BLESS").is_some_and(|v| v == "1")
}

pub fn to_hex(name: &str, version: u8, bytes: &[u8]) -> String {
    let mut out = format!(
        "# qiaomen stored value: {name}, format version {version}\n\
         # the version byte, then bincode 2 (serde, standard config); {} bytes\n\
         # rewrite with QIAOMEN_BLESS=1 cargo test -p qiaomen-core --test codec_golden\n",
        bytes.len()
    );
    for line in bytes.chunks(16) {
        let hex: Vec<String> = line.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{}", hex.join(" ")).expect("write to String");
    }
    out
}

pub fn from_hex(text: &str) -> Vec<u8> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(|pair| u8::from_str_radix(pair, 16).expect("golden files hold hex pairs"))
        .collect()
}

/// Checks `bytes` against the committed golden (or rewrites it when blessing) and returns the
/// golden bytes.
pub fn check(name: &str, version: u8, bytes: &[u8]) -> Vec<u8> {
    let path = path(name, version);
    if blessing() {
        std::fs::create_dir_all(DIR).expect("create the golden directory");
        std::fs::write(&path, to_hex(name, version, bytes)).expect("write golden");
        return bytes.to_vec();
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; a new stored type or version needs its golden: run with QIAOMEN_BLESS=1",
            path.display()
        )
    });
    let golden = from_hex(&text);
    assert!(
        golden == bytes,
        "the encoding of {name} v{version} changed; bump its format version and keep the old \
         golden with a migration, or rewrite with QIAOMEN_BLESS=1 if no database has it yet\n\
         golden:  {}\nencoded: {}",
        to_hex(name, version, &golden),
        to_hex(name, version, bytes),
    );
    golden
}

/// Golden files of `name` for versions older than `current`: the bytes of databases written
/// by earlier releases, which must still decode.
pub fn older(name: &str, current: u8) -> Vec<(u8, Vec<u8>)> {
    let prefix = format!("{name}.v");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(DIR).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(v) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".hex"))
            .and_then(|v| v.parse::<u8>().ok())
        else {
            continue;
        };
        if v < current {
            let text = std::fs::read_to_string(entry.path()).expect("read golden");
            out.push((v, from_hex(&text)));
        }
    }
    out
}
