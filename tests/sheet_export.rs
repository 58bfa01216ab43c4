//! `qiaomen export --format csv|xlsx --what …` end to end on the demo database, through the
//! server (and once with `--no-server`): every sheet in both formats and both languages, the
//! roster's columns filled so they import back, XLSX read back with calamine (header, date
//! cells, the frozen header row), masking, GBK bytes, formula text neutralised, and the
//! refusals as one sentence.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{TODAY, TempDb, ok, run, stop_server};

const WHATS: [&str; 7] = [
    "residents",
    "households",
    "elders",
    "roll",
    "cases",
    "fund",
    "visits",
];

/// The arguments of one sheet; the roll call is of the demo's day.
fn sheet_args<'a>(what: &'a str, format: &'a str) -> Vec<&'a str> {
    let mut args = vec!["export", "--format", format, "--what", what];
    if what == "roll" {
        args.extend(["--date", TODAY]);
    }
    args
}

/// A CSV export on standard output: its raw bytes.
fn csv_bytes(db: &Path, lang: &str, args: &[&str]) -> Vec<u8> {
    let out = common::qiaomen(db, lang)
        .args(args)
        .output()
        .expect("qiaomen runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A UTF-8 CSV with its byte-order mark, parsed into rows (the header first).
fn csv_rows(db: &Path, lang: &str, args: &[&str]) -> Vec<Vec<String>> {
    let bytes = csv_bytes(db, lang, args);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{args:?} starts with a BOM"
    );
    parse(&bytes[3..])
}

fn parse(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "rows end with CRLF");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

fn column(rows: &[Vec<String>], title: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == title)
        .unwrap_or_else(|| panic!("no column {title} in {:?}", rows[0]))
}

fn row_of<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0] == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn every_sheet_has_its_header_in_each_language_and_rows() {
    let t = TempDb::demo();
    let first = [
        ("姓名", "name"),
        ("户号", "Household no."),
        ("姓名", "Name"),
        ("日期", "Date"),
        ("编号", "No."),
        ("日期", "Date"),
        ("日期", "Date"),
    ];
    for (what, (zh, en)) in WHATS.iter().zip(first) {
        let rows_zh = csv_rows(&t.db, "zh", &sheet_args(what, "csv"));
        let rows_en = csv_rows(&t.db, "en", &sheet_args(what, "csv"));
        assert_eq!(rows_zh[0][0], zh, "{what}");
        assert_eq!(rows_en[0][0], en, "{what}");
        assert!(rows_zh.len() > 1, "{what} has rows");
        assert_eq!(rows_zh.len(), rows_en.len(), "{what}");
        assert!(
            rows_zh.iter().all(|r| r.len() == rows_zh[0].len()),
            "{what}: every row as wide as the header"
        );
    }
    // The roster's headers are exactly the columns the import maps.
    let rows = csv_rows(&t.db, "en", &sheet_args("residents", "csv"));
    assert_eq!(
        rows[0].join(","),
        "name,gender,birth,id_number,phone,grid,estate,building,unit,room,household,relation,\
         categories,health,contact_name,contact_phone"
    );
    let rows = csv_rows(&t.db, "zh", &sheet_args("residents", "csv"));
    assert_eq!(
        rows[0].join(","),
        "姓名,性别,出生日期,身份证号,联系电话,网格,小区,楼栋,单元,门牌号,户号,与户主关系,\
         人员类别,健康状况,紧急联系人,紧急联系电话"
    );
}

#[test]
fn residents_are_filled_so_the_roster_imports_back() {
    let t = TempDb::demo();
    let rows = csv_rows(&t.db, "zh", &sheet_args("residents", "csv"));
    let c = |title| column(&rows, title);
    let head = row_of(&rows, "卢志勇");
    assert_eq!(head[c("出生日期")], "1974-03-15");
    assert_eq!(head[c("性别")], "男");
    assert_eq!(head[c("小区")], "顺和小区");
    assert_eq!(head[c("楼栋")], "1");
    assert_eq!(head[c("门牌号")], "302");
    assert_eq!(head[c("户号")], "1");
    assert_eq!(head[c("与户主关系")], "户主");
    assert_eq!(head[c("人员类别")], "困难群众");
    assert_eq!(head[c("身份证号")], "430103197403159670");
    let wife = row_of(&rows, "柯丽华");
    assert_eq!(wife[c("与户主关系")], "成员");
    assert_eq!(wife[c("户号")], "1");
    // Contacts in their order, phones in the same order.
    let elder = row_of(&rows, "王秀英");
    assert_eq!(elder[c("紧急联系人")], "李红霞（女儿）；李红兵（儿子）");
    assert_eq!(elder[c("紧急联系电话")], "18973160865；13973152187");
    let en = csv_rows(&t.db, "en", &sheet_args("residents", "csv"));
    let wife = row_of(&en, "柯丽华");
    assert_eq!(wife[column(&en, "relation")], "member");
    assert_eq!(wife[column(&en, "gender")], "female");
}

#[test]
fn xlsx_reads_back_with_the_same_cells_real_dates_and_a_frozen_header() {
    let t = TempDb::demo();
    for what in WHATS {
        let path = t.file(&format!("{what}.xlsx"));
        let mut args = sheet_args(what, "xlsx");
        let p = path.display().to_string();
        args.extend(["--out", &p]);
        let out = run(&t.db, "zh", &args);
        assert_eq!(out.code, 0, "{out:#?}");
        assert!(out.stdout.contains("已导出"), "{}", out.stdout);

        let csv = csv_rows(&t.db, "zh", &sheet_args(what, "csv"));
        let mut book: Xlsx<_> = open_workbook(&path).expect("an XLSX file");
        let names = book.sheet_names();
        assert_eq!(names.len(), 1);
        let range = book.worksheet_range(&names[0]).expect("the sheet");
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), csv.len(), "{what}: as many rows as the CSV");
        let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
        assert_eq!(header, csv[0], "{what}");

        let xml = sheet_xml(&path);
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "{what}: the header row is frozen"
        );
        assert!(xml.contains("<cols>"), "{what}: column widths are set");
    }
    // A birth date is a date cell (a serial day number with a date format), not text.
    let mut book: Xlsx<_> = open_workbook(t.file("residents.xlsx")).unwrap();
    let range = book.worksheet_range("居民花名册").unwrap();
    let lu = range
        .rows()
        .find(|r| r[0] == Data::String("卢志勇".into()))
        .expect("卢志勇's row");
    match &lu[2] {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            // 1974-03-15 is day 27103 of Excel's calendar.
            assert!((d.as_f64() - 27_103.0).abs() < f64::EPSILON);
        }
        other => panic!("the birth date is a date cell, not {other:?}"),
    }
    // The same records give the same bytes (the roster's round trip compares files).
    let again = t.file("again.xlsx");
    let a = again.display().to_string();
    let r = run(
        &t.db,
        "zh",
        &[sheet_args("residents", "xlsx"), vec!["--out", &a]].concat(),
    );
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(t.file("residents.xlsx")).unwrap()
    );
    // Money is a number: the fund's first entry, 5000 yuan.
    let mut book: Xlsx<_> = open_workbook(t.file("fund.xlsx")).unwrap();
    let range = book.worksheet_range("帮扶基金").unwrap();
    assert_eq!(range.rows().nth(1).unwrap()[2], Data::Float(5000.0));
}

/// The worksheet's XML inside the XLSX (calamine does not expose panes or widths).
fn sheet_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn column_widths_count_a_chinese_character_as_two() {
    let t = TempDb::demo();
    let path = t.file("cases.xlsx");
    let p = path.display().to_string();
    let mut args = sheet_args("cases", "xlsx");
    args.extend(["--out", &p]);
    ok(&t.db, &args);
    let xml = sheet_xml(&path);
    let width = |col: usize| -> f64 {
        let tag = format!(r#"<col min="{col}" max="{col}" width=""#);
        let at = xml.find(&tag).unwrap_or_else(|| panic!("{tag} in {xml}")) + tag.len();
        xml[at..].split('"').next().unwrap().parse().unwrap()
    };
    // 事由, the case titles: as wide as the widest title with a Chinese character counting
    // two, plus a margin of two (Excel stores it a fraction under, in whole pixels).
    let rows = csv_rows(&t.db, "zh", &sheet_args("cases", "csv"));
    let title = column(&rows, "事由");
    let widest = rows[1..]
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(r[title].as_str()))
        .max()
        .unwrap();
    let chars = rows[1..]
        .iter()
        .map(|r| r[title].chars().count())
        .max()
        .unwrap();
    assert!(widest > chars + 10, "the titles are mostly Chinese");
    let w = width(title + 1);
    assert!((w - (widest + 2) as f64).abs() < 1.0, "{w} for {widest}");
    // 编号 (#1…) stays narrow.
    assert!(width(1) < 10.0, "{}", width(1));
}

#[test]
fn the_fund_is_in_yuan_exactly_with_the_running_balance() {
    let t = TempDb::demo();
    let rows = csv_rows(&t.db, "en", &sheet_args("fund", "csv"));
    let fund: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["fund", "list", "--json"])).expect("fund list --json");
    let fen = fund["balance_fen"].as_i64().unwrap();
    let last = rows.last().unwrap();
    let balance = &last[column(&rows, "Balance (yuan)")];
    assert_eq!(balance, &format!("{}.{:02}", fen / 100, fen % 100));
    // Every balance is the one before it plus in or minus out, in fen.
    let to_fen = |s: &str| -> i64 {
        let (y, f) = s.split_once('.').unwrap();
        y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
    };
    let (dir, amount, bal) = (
        column(&rows, "In/out"),
        column(&rows, "Amount (yuan)"),
        column(&rows, "Balance (yuan)"),
    );
    let mut running = 0;
    for r in &rows[1..] {
        running += if r[dir] == "in" { 1 } else { -1 } * to_fen(&r[amount]);
        assert_eq!(to_fen(&r[bal]), running);
    }
}

#[test]
fn mask_hides_names_phones_and_id_numbers() {
    let t = TempDb::demo();
    let plain = csv_rows(&t.db, "zh", &sheet_args("residents", "csv"));
    let masked = csv_rows(
        &t.db,
        "zh",
        &[sheet_args("residents", "csv"), vec!["--mask"]].concat(),
    );
    assert_eq!(plain.len(), masked.len());
    let text = masked.concat().join("\n");
    let (name, phone, id) = (
        column(&plain, "姓名"),
        column(&plain, "联系电话"),
        column(&plain, "身份证号"),
    );
    for r in &plain[1..] {
        if r[name].chars().count() >= 2 {
            assert!(!text.contains(&r[name]), "{} shows", r[name]);
        }
        for secret in [&r[phone], &r[id]] {
            if !secret.is_empty() {
                assert!(!text.contains(secret.as_str()), "{secret} shows");
            }
        }
    }
    assert_eq!(
        row_of(&masked, "卢*勇")[column(&masked, "身份证号")],
        "*".repeat(18)
    );
    // Contacts are masked too, and a case's title naming a petitioner.
    assert!(!text.contains("李红霞"));
    let cases = csv_rows(
        &t.db,
        "zh",
        &[sheet_args("cases", "csv"), vec!["--mask"]].concat(),
    );
    let titles = cases.concat().join("\n");
    assert!(!titles.contains("梅秀英"), "{titles}");
    assert!(titles.contains("梅*英"), "{titles}");
}

#[test]
fn gbk_is_the_same_text_in_gbk_bytes_without_a_mark() {
    let t = TempDb::demo();
    let utf8 = csv_bytes(
        &t.db,
        "zh",
        &[sheet_args("residents", "csv"), vec!["--encoding", "utf8"]].concat(),
    );
    let gbk = csv_bytes(
        &t.db,
        "zh",
        &[sheet_args("residents", "csv"), vec!["--encoding", "gbk"]].concat(),
    );
    // 姓名 in GBK, no byte-order mark before it.
    assert!(gbk.starts_with(b"\xD0\xD5\xC3\xFB,"), "{:?}", &gbk[..8]);
    let (decoded, _, bad) = encoding_rs::GBK.decode(&gbk);
    assert!(!bad);
    assert_eq!(decoded.as_bytes(), &utf8[..]);
    assert_ne!(gbk, utf8);
}

#[test]
fn formula_text_is_neutralised_in_csv_and_xlsx() {
    let t = TempDb::demo();
    ok(&t.db, &["visit", "add", "1", "--findings", "=1+1"]);
    ok(&t.db, &["visit", "add", "1", "--findings", "@SUM(A1)"]);
    let rows = csv_rows(&t.db, "en", &sheet_args("visits", "csv"));
    let findings: Vec<&str> = rows
        .iter()
        .map(|r| r[column(&rows, "Findings")].as_str())
        .collect();
    assert!(findings.contains(&"'=1+1"), "{findings:?}");
    assert!(findings.contains(&"'@SUM(A1)"), "{findings:?}");
    assert!(!findings.contains(&"=1+1"));

    let path = t.file("visits.xlsx");
    let p = path.display().to_string();
    ok(
        &t.db,
        &[sheet_args("visits", "xlsx"), vec!["--out", &p]].concat(),
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Visits").unwrap();
    let cells: Vec<String> = range.rows().map(|r| r[5].to_string()).collect();
    assert!(cells.contains(&"'=1+1".to_owned()), "{cells:?}");
    assert!(cells.contains(&"'@SUM(A1)".to_owned()), "{cells:?}");
    assert!(!sheet_xml(&path).contains("<f>"), "no formula in the sheet");
}

#[test]
fn grid_filters_the_rows_where_it_applies() {
    let t = TempDb::demo();
    for what in [
        "residents",
        "households",
        "elders",
        "cases",
        "visits",
        "roll",
    ] {
        let all = csv_rows(&t.db, "en", &sheet_args(what, "csv"));
        let g1 = csv_rows(
            &t.db,
            "en",
            &[sheet_args(what, "csv"), vec!["--grid", "G1"]].concat(),
        );
        let grid = all[0]
            .iter()
            .position(|h| h == "grid" || h == "Grid")
            .unwrap();
        assert!(g1.len() > 1 && g1.len() < all.len(), "{what}");
        assert!(g1[1..].iter().all(|r| r[grid] == "G1"), "{what}");
        assert_eq!(
            g1.len() - 1,
            all[1..].iter().filter(|r| r[grid] == "G1").count(),
            "{what}"
        );
    }
}

#[test]
fn the_roll_sheet_is_the_roll_of_the_day() {
    let t = TempDb::demo();
    let rows = csv_rows(&t.db, "en", &sheet_args("roll", "csv"));
    let roll: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["roll", "--date", TODAY, "--json"])).unwrap();
    let elders = roll["elders"].as_array().unwrap();
    assert_eq!(rows.len() - 1, elders.len());
    let name = column(&rows, "Name");
    for (r, e) in rows[1..].iter().zip(elders) {
        assert_eq!(r[0], TODAY);
        assert_eq!(r[name], e["name"].as_str().unwrap());
    }
}

#[test]
fn bad_options_are_one_sentence() {
    let t = TempDb::demo();
    let r = run(
        &t.db,
        "en",
        &["export", "--format", "csv", "--what", "people"],
    );
    assert!(r.fails_with(2).contains("residents, households"), "{r:?}");
    let r = run(
        &t.db,
        "zh",
        &["export", "--format", "csv", "--what", "people"],
    );
    assert!(r.fails_with(2).contains("不认识"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &[
            "export",
            "--format",
            "csv",
            "--what",
            "residents",
            "--grid",
            "G9",
        ],
    );
    assert!(r.fails_with(1).contains("G9"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &[
            "export", "--format", "csv", "--what", "fund", "--grid", "G1",
        ],
    );
    assert!(r.fails_with(2).contains("--grid"), "{r:?}");
    let r = run(&t.db, "en", &["export", "--format", "csv"]);
    assert!(r.fails_with(2).contains("--what"), "{r:?}");
    let r = run(&t.db, "en", &["export", "--what", "residents"]);
    assert!(r.fails_with(2).contains("--format"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &["export", "--format", "ods", "--what", "fund"],
    );
    assert!(r.fails_with(2).contains("ods"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &[
            "export",
            "--format",
            "xlsx",
            "--what",
            "fund",
            "--encoding",
            "gbk",
        ],
    );
    assert!(r.fails_with(2).contains("--encoding"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &[
            "export", "--format", "csv", "--what", "cases", "--date", TODAY,
        ],
    );
    assert!(r.fails_with(2).contains("--date"), "{r:?}");
    // Nothing half-written is left where --out pointed.
    let out = t.file("never.csv");
    let p = out.display().to_string();
    run(
        &t.db,
        "en",
        &[
            "export", "--format", "csv", "--what", "fund", "--grid", "G1", "--out", &p,
        ],
    );
    assert!(!out.exists());
}

#[test]
fn the_sheet_is_the_same_without_the_server() {
    let t = TempDb::demo();
    let through = csv_bytes(&t.db, "zh", &sheet_args("residents", "csv"));
    stop_server(&t.db);
    let direct = csv_bytes(
        &t.db,
        "zh",
        &[vec!["--no-server"], sheet_args("residents", "csv")].concat(),
    );
    assert_eq!(through, direct);
}

#[test]
fn the_summary_csv_goes_through_the_same_writer() {
    let t = TempDb::demo();
    let out = csv_bytes(&t.db, "en", &["summary", "--format", "csv"]);
    assert!(out.starts_with(b"\xEF\xBB\xBFdate,grid,elder_id,name,status,"));
    let rows = parse(&out[3..]);
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|r| r[0] == TODAY && r.len() == 11));
}

#[test]
fn someone_who_left_is_on_no_roster_from_that_day() {
    let t = TempDb::demo();
    let has = |what: &str, name: &str| {
        csv_rows(&t.db, "zh", &sheet_args(what, "csv"))
            .iter()
            .any(|r| r.iter().any(|c| c == name))
    };
    assert!(has("residents", "钱福生") && has("elders", "钱福生"));
    assert!(has("households", "曾凤仙"), "heads her household");
    // Leaving tomorrow: still on both today.
    let tomorrow = "2026-12-01";
    ok(
        &t.db,
        &[
            "resident",
            "leave",
            "钱福生",
            "--reason",
            "died",
            "--date",
            tomorrow,
        ],
    );
    assert!(has("residents", "钱福生") && has("elders", "钱福生"));
    // Leaving today: on neither.
    ok(
        &t.db,
        &[
            "resident",
            "leave",
            "曾凤仙",
            "--reason",
            "moved",
            "--date",
            TODAY,
        ],
    );
    assert!(!has("residents", "曾凤仙"), "the roster");
    assert!(!has("elders", "曾凤仙"), "the elders' sheet");
    assert!(!has("households", "曾凤仙"), "nobody's head");
    stop_server(&t.db);
}
