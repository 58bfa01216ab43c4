//! Roles with real OS users: the server learns who each client is from the socket's peer
//! credentials. Runs where the tests run as root (CI does): it creates the users and a group
//! (idempotently); elsewhere it says why it skips.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{NOW, stop_server};

const GROUP: &str = "qiaomen-test";

/// Held while this file copies a binary and while it starts a process. A process forked while
/// a copy is still open for writing keeps that descriptor until it execs, and running the copy
/// then fails with "Text file busy" (the tests run in parallel threads).
static FORK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn fork_lock() -> std::sync::MutexGuard<'static, ()> {
    FORK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
/// Two demo members' logins (a steward of G1 and a community worker) and a stranger.
const USERS: [&str; 3] = ["liuxiaoyan", "tangyaqin", "qm-stranger"];

fn is_root() -> bool {
    rustix::process::getuid().is_root()
}

fn sh(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The group and the users, made once; false when this machine cannot make them.
fn users() -> bool {
    if !sh("getent", &["group", GROUP]) && !sh("groupadd", &[GROUP]) {
        return false;
    }
    USERS.iter().all(|u| {
        sh("id", &[u])
            || sh(
                "useradd",
                &["-M", "-N", "-s", "/usr/sbin/nologin", "-G", GROUP, u],
            )
    }) && USERS.iter().all(|u| sh("usermod", &["-a", "-G", GROUP, u]))
}

struct Shared {
    _dir: tempfile::TempDir,
    db: PathBuf,
    bin: PathBuf,
}

impl Drop for Shared {
    fn drop(&mut self) {
        stop_server(&self.db);
    }
}

/// A demo database owned by root and shared with the group, and a copy of the binary every
/// user can run.
fn shared() -> Shared {
    let dir = tempfile::Builder::new()
        .prefix("qiaomen-roles-")
        .tempdir()
        .expect("a temporary directory");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let bin = dir.path().join("qiaomen");
    {
        let _fork = fork_lock();
        std::fs::copy(common::bin(), &bin).expect("copy the binary");
    }
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let db = dir.path().join("db");
    let out = as_user(&bin, None, &db, "en", &["init", "--demo", "--group", GROUP]);
    assert_eq!(out.0, 0, "{out:?}");
    Shared { _dir: dir, db, bin }
}

/// Runs the binary as `user` (root when `None`): exit code, stdout, stderr.
fn as_user(
    bin: &Path,
    user: Option<&str>,
    db: &Path,
    lang: &str,
    args: &[&str],
) -> (i32, String, String) {
    let mut c = match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.args(["-u", u, "--"]).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    c.env("QIAOMEN_NOW", NOW)
        .env("QIAOMEN_IDLE_SECS", "30")
        .env_remove("QIAOMEN_OPERATOR")
        .env_remove("QIAOMEN_DB")
        .arg("--db")
        .arg(db)
        .args(["--lang", lang])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = {
        let _fork = fork_lock();
        c.spawn().expect("the binary runs")
    };
    let out = child.wait_with_output().expect("the binary ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn roll_names(out: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(out).expect("roll --json");
    v["elders"]
        .as_array()
        .expect("elders")
        .iter()
        .map(|e| e["name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn each_os_user_does_what_their_role_allows_and_a_refusal_is_audited() {
    if !is_root() {
        println!("skipped: creating OS users for this test needs root");
        return;
    }
    if !users() {
        println!("skipped: this machine cannot create users or groups (useradd, groupadd)");
        return;
    }
    let s = shared();
    let run =
        |user: Option<&str>, lang: &str, args: &[&str]| as_user(&s.bin, user, &s.db, lang, args);
    // The owner starts the server; the others are its clients (they cannot start one).
    let everyone = roll_names(&run(None, "en", &["roll", "--json"]).1);
    assert_eq!(everyone.len(), 18);
    let song = {
        let v: serde_json::Value =
            serde_json::from_str(&run(None, "en", &["roll", "--json"]).1).expect("json");
        v["elders"]
            .as_array()
            .expect("elders")
            .iter()
            .find(|e| e["name"] == "宋长林")
            .expect("宋长林")["id"]
            .as_u64()
            .expect("id")
            .to_string()
    };

    // 刘晓燕, steward of G1: her grid's elders only, and her grid's check-ins only.
    let steward = Some("liuxiaoyan");
    let mine = roll_names(&run(steward, "en", &["roll", "--json"]).1);
    assert!(!mine.is_empty() && mine.len() < everyone.len(), "{mine:?}");
    assert!(!mine.contains(&"宋长林".to_owned()));
    for (lang, sentence) in [
        ("en", "刘晓燕 is a steward of G1; 宋长林 belongs to G6."),
        ("zh", "刘晓燕 是 G1 的网格管家；宋长林 属于 G6。"),
    ] {
        let (code, _, err) = run(steward, lang, &["checkin", &song, "ok"]);
        assert_eq!(
            (code, err.trim()),
            (4, format!("qiaomen: {sentence}").as_str())
        );
    }
    let (code, out, err) = run(steward, "en", &["checkin", &mine[0], "ok"]);
    assert_eq!(code, 0, "{out}{err}");
    // Members and grids are an admin's to keep; a resident of another grid is not hers.
    let (code, _, err) = run(
        steward,
        "en",
        &["member", "add", "石小川", "--role", "volunteer"],
    );
    assert_eq!(
        (code, err.trim()),
        (
            4,
            "qiaomen: 刘晓燕 is a steward: members, grids and settings are not theirs to do."
        )
    );
    let (code, _, err) = run(steward, "en", &["grid", "add", "G9", "九网格"]);
    assert_eq!(code, 4, "{err}");
    // Partners' activities, goods and duties are the register's: refused as such (4), not
    // as a partner that does not match (a review finding).
    for args in [
        &[
            "activity",
            "add",
            "--partner",
            "澄湖置业有限公司",
            "--kind",
            "lecture",
            "--date",
            "11-28",
        ][..],
        &[
            "goods",
            "add",
            "--partner",
            "澄湖置业有限公司",
            "--what",
            "大米",
            "--quantity",
            "1",
            "--value",
            "10",
        ][..],
        &[
            "partner",
            "duty",
            "add",
            "澄湖置业有限公司",
            "--side",
            "partner",
            "--what",
            "义诊",
            "--due",
            "2026-12-31",
        ][..],
    ] {
        let (code, _, err) = run(steward, "zh", args);
        assert_eq!(code, 4, "{args:?}: {err}");
        assert!(err.contains("网格管家"), "{args:?}: {err}");
    }
    let (code, _, err) = run(
        steward,
        "en",
        &["resident", "leave", &song, "--reason", "moved"],
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("宋长林 belongs to G6"), "{err}");
    assert_eq!(
        run(steward, "en", &["find", "宋长林"]).1.trim(),
        "Nothing matches \"宋长林\"."
    );
    // The household list (from the kept rows, through the server): her grid's households,
    // none of another's.
    let (code, list, err) = run(steward, "en", &["household", "list"]);
    assert_eq!(code, 0, "{err}");
    let grids: Vec<&str> = list
        .lines()
        .skip(1)
        .filter_map(|l| {
            l.split_whitespace().find(|w| {
                w.len() > 1 && w.starts_with('G') && w[1..].bytes().all(|b| b.is_ascii_digit())
            })
        })
        .collect();
    assert!(!grids.is_empty(), "her grid's households:\n{list}");
    assert!(grids.iter().all(|g| *g == "G1"), "{list}");
    let (code, _, err) = run(steward, "en", &["--as", "周建华", "roll"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("only an admin may use --as"), "{err}");
    let (code, _, err) = run(steward, "en", &["--no-server", "roll"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("Only the owner"), "{err}");

    // Hand-overs (issue 16): her grid's case up to the community, yes; another grid's, no;
    // further up or back down is the community's decision (a worker's).
    let (code, out, err) = run(
        steward,
        "en",
        &[
            "case",
            "escalate",
            "9",
            "--to",
            "community",
            "--reason",
            "物业不配合",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = run(
        steward,
        "en",
        &[
            "case",
            "escalate",
            "3",
            "--to",
            "community",
            "--reason",
            "x",
        ],
    );
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("belongs to G6"), "{err}");
    for (lang, sentence) in [
        (
            "en",
            "刘晓燕 is a steward: hand-overs to the subdistrict or back down are not theirs to do.",
        ),
        ("zh", "刘晓燕 是网格管家，不能把案件上交街道或交回下一级。"),
    ] {
        let (code, _, err) = run(steward, lang, &["case", "return", "9"]);
        assert_eq!(
            (code, err.trim()),
            (4, format!("qiaomen: {sentence}").as_str())
        );
    }
    let (code, out, err) = run(
        Some("tangyaqin"),
        "en",
        &["case", "return", "9", "--reason", "物业已整改"],
    );
    assert_eq!(
        (code, out.trim()),
        (0, "Case #9 handed back to the grid"),
        "{err}"
    );

    // Her export holds her grid and nothing of the others', and not the audit.
    let (code, export, err) = run(steward, "en", &["export"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        export.contains(&mine[0]) && !export.contains("宋长林"),
        "{export}"
    );
    assert!(
        !export.contains("\"type\":\"partner\""),
        "the register is not hers"
    );
    assert_eq!(run(steward, "en", &["export", "--with-audit"]).0, 4);
    // The fund is the community's: her sheet of it, and her list, are refused with the reason
    // rather than handed over empty.
    for args in [
        &["export", "--what", "fund", "--format", "csv"][..],
        &["fund", "list"][..],
    ] {
        let (code, out, err) = run(steward, "en", args);
        assert_eq!(code, 4, "{args:?}: {out}{err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("刘晓燕 is a steward: the register's records are not theirs to do."),
            "{err}"
        );
    }
    let (code, out, err) = run(
        Some("tangyaqin"),
        "en",
        &["export", "--what", "fund", "--format", "csv"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("桂岭建工有限公司"),
        "a worker's sheet has the fund: {out}"
    );

    // 汤亚琴, community worker: every grid.
    let (code, out, err) = run(Some("tangyaqin"), "en", &["checkin", "宋长林", "ok"]);
    assert_eq!(code, 0, "{out}{err}");

    // Someone with no member record.
    let (code, _, err) = run(Some("qm-stranger"), "en", &["roll"]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("The OS user qm-stranger is not a member here"),
        "{err}"
    );

    // The log: who (member and OS user), what; the refusals are in it; the steward reads
    // her grid's entries only.
    let (code, log, err) = run(None, "en", &["log", "--since", "2026-11-30"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        log.contains(&format!("刘晓燕 (liuxiaoyan)  check-in {}", mine[0])),
        "{log}"
    );
    assert!(log.contains("汤亚琴 (tangyaqin)  check-in 宋长林"), "{log}");
    assert!(
        log.contains("refused: read residents. 刘晓燕 is a steward of G1; 宋长林 belongs to G6."),
        "{log}"
    );
    // In Chinese, the refusal reads as the sentence she was given.
    let (code, zh, err) = run(None, "zh", &["log", "--since", "2026-11-30"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        zh.contains("被拒绝：读取居民。刘晓燕 是 G1 的网格管家；宋长林 属于 G6。"),
        "{zh}"
    );
    let (_, hers, _) = run(steward, "en", &["log", "--since", "2026-11-30"]);
    assert!(
        hers.contains(&mine[0]) && !hers.contains("宋长林"),
        "{hers}"
    );
}

/// Run as another OS user by the test below (a no-op otherwise): opens connections to the
/// server of `QM_HOLD_CONNECTIONS` and holds them, then prints how many it was given.
#[test]
fn hold_connections_helper() {
    let Some(db) = std::env::var_os("QM_HOLD_CONNECTIONS") else {
        return;
    };
    let dir = PathBuf::from(db);
    let mut held = Vec::new();
    let mut refused = 0;
    for _ in 0..40 {
        match qiaomen::service::Client::connect(&dir) {
            Ok(c) => held.push(c),
            Err(_) => refused += 1,
        }
    }
    println!("held {} refused {refused}", held.len());
}

#[test]
fn one_os_user_cannot_take_every_connection() {
    if !is_root() || !users() {
        println!("skipped: needs root to create the OS users");
        return;
    }
    let s = shared();
    assert_eq!(
        as_user(&s.bin, None, &s.db, "en", &["roll"]).0,
        0,
        "the owner's server runs"
    );
    // This test binary, copied where the other user can run it, runs the helper above.
    let me = s.bin.with_file_name("roles-test");
    {
        let _fork = fork_lock();
        std::fs::copy(std::env::current_exe().expect("the test binary"), &me).expect("copy");
    }
    std::fs::set_permissions(&me, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let child = {
        let _fork = fork_lock();
        Command::new("runuser")
            .args(["-u", "liuxiaoyan", "--"])
            .arg(&me)
            .args(["--exact", "hold_connections_helper", "--nocapture"])
            .env("QM_HOLD_CONNECTIONS", &s.db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs")
    };
    let out = child.wait_with_output().expect("ends");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "held {} refused {}",
            qiaomen::service::server::MAX_CLIENTS_PER_USER,
            40 - qiaomen::service::server::MAX_CLIENTS_PER_USER
        )),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The owner is still served.
    assert_eq!(as_user(&s.bin, None, &s.db, "en", &["roll"]).0, 0);
}
