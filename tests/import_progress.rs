//! `qiaomen --no-server import`: the engine's reading of the file is seen, so the progress is a
//! bar of the bytes read with a known total, once per pass over the file (checking, writing).

use qiaomen::backend::Direct;
use qiaomen_core::{Actor, Engine};

#[test]
fn an_import_in_this_process_tells_each_pass_and_the_bytes_read_up_to_the_whole_file() {
    let now = qiaomen_core::Now::local(
        qiaomen_core::Date::from_ymd(2026, 12, 1).expect("a day"),
        qiaomen_core::ClockTime::new(9, 40).expect("a time"),
        480,
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("demo.jsonl");
    std::fs::write(&file, qiaomen::demo::DEMO_JSONL).expect("write the demo");
    let size = std::fs::metadata(&file).expect("size").len();
    let direct = Direct::new(Engine::temporary("tester", now).expect("a scratch database"));
    let actor = Actor {
        operator: "tester".into(),
        now,
    };
    // A dry run reads it to check, and writes nothing.
    let mut passes = 0;
    direct
        .import_watched(&file, "demo.jsonl", true, &actor, &mut |pass, _| {
            passes = passes.max(pass);
        })
        .expect("a dry run");
    assert!(passes >= 1);
    let mut seen: Vec<(u32, u64)> = Vec::new();
    let report = direct
        .import_watched(&file, "demo.jsonl", false, &actor, &mut |pass, read| {
            seen.push((pass, read));
        })
        .expect("the demo imports");
    assert!(report.records > 800, "{}", report.records);
    // Each pass starts at nothing, grows, and reads the whole file.
    let passes = seen.iter().map(|s| s.0).max().expect("reading was told");
    assert!(passes >= 2, "checked, then written: {passes} passes");
    for pass in 1..=passes {
        let of: Vec<u64> = seen.iter().filter(|s| s.0 == pass).map(|s| s.1).collect();
        assert_eq!(of[0], 0, "pass {pass} starts at nothing");
        assert!(
            of.windows(2).all(|w| w[0] <= w[1]),
            "pass {pass} only grows"
        );
        assert_eq!(*of.last().expect("bytes"), size, "pass {pass} reads it all");
    }
}
