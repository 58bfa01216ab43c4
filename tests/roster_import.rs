//! `qiaomen import` of rosters (花名册) from CSV and Excel, end to end on temporary databases:
//! encodings, header rows below merged titles, the values people type, errors that name the
//! row and the column, re-imports that update instead of duplicating, the dry run, and memory.

mod common;

use std::path::Path;

use common::{TempDb, ok, run};
use qiaomen_core::text::id_check_char;
use serde_json::Value;

/// A valid GB 11643 ID number from its first 17 digits.
fn id(body: &str) -> String {
    format!("{body}{}", id_check_char(body).expect("17 digits"))
}

/// The same number with a wrong check digit.
fn bad_id(body: &str) -> String {
    let good = id_check_char(body).expect("17 digits");
    format!("{body}{}", if good == '1' { '2' } else { '1' })
}

const HEADER: &str = "序号,姓名,性别,出生日期,公民身份号码,联系电话,网格,小区,楼栋,单元,门牌号,与户主关系,人员类别,紧急联系人,紧急联系电话";

/// A small roster of two households (grouped by 与户主关系), each row as the CSV has it.
fn roster_rows() -> Vec<String> {
    vec![
        format!(
            "1,甘雨桐,女,1952.3.4,{},13900000001,G2,槐荫小区,3,2,501,户主,独居老人、残疾人,甘小禾（女儿）；庞素芬(邻居),13900000011；13900000012",
            id("43010319520304002")
        ),
        format!(
            "2,甘小禾,女,1980年6月7日,{},13900000002,桂园网格,槐荫小区,3,2,501,女儿,,,",
            id("43010319800607004")
        ),
        "3,闵春兰,,,,13900000003,G2,槐荫小区,5,1,102,户主,困难家庭,,".to_owned(),
    ]
}

fn csv(rows: &[String]) -> String {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text + "\n"
}

/// Every record of the database, as `export` writes it.
fn records(db: &Path) -> Vec<Value> {
    ok(db, &["--no-server", "export"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn resident(db: &Path, name: &str) -> Value {
    let all = records(db);
    let found: Vec<&Value> = all
        .iter()
        .filter(|r| r["type"] == "resident" && r["name"] == name)
        .collect();
    assert_eq!(found.len(), 1, "one {name}");
    found[0].clone()
}

fn household(db: &Path, id: &Value) -> Value {
    records(db)
        .into_iter()
        .find(|r| r["type"] == "household" && r["id"] == *id)
        .expect("the household")
}

#[test]
fn a_gbk_csv_without_a_bom_imports_grouped_into_households_and_again_changes_nothing() {
    let t = TempDb::demo();
    let file = t.file("花名册.csv");
    let text = csv(&roster_rows());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    std::fs::write(&file, &gbk).expect("write");
    let before = records(&t.db).len();
    // Through the server.
    let out = ok(&t.db, &["import", file.to_str().expect("utf-8")]);
    assert!(out.contains("(CSV, gb18030)"), "{out}");
    assert!(
        out.contains("Residents: 3 added, 0 updated, 0 unchanged; households: 2 added, 0 updated, 0 unchanged"),
        "{out}"
    );
    assert!(out.contains("not imported: 序号"), "{out}");
    common::stop_server(&t.db);
    assert_eq!(
        records(&t.db).len(),
        before + 5,
        "3 residents and 2 households"
    );

    let elder = resident(&t.db, "甘雨桐");
    assert_eq!(elder["birth"], "1952-03-04");
    assert_eq!(elder["gender"], "female");
    assert_eq!(elder["grid"], 2);
    assert_eq!(
        elder["categories"],
        serde_json::json!(["elder", "disabled"])
    );
    assert_eq!(elder["contacts"][0]["name"], "甘小禾");
    assert_eq!(elder["contacts"][0]["relation"], "女儿");
    assert_eq!(elder["contacts"][1]["relation"], "邻居");
    assert_eq!(elder["contacts"][1]["phone"], "13900000012");
    let daughter = resident(&t.db, "甘小禾");
    assert_eq!(daughter["birth"], "1980-06-07");
    assert_eq!(daughter["household"], elder["household"]);
    let home = household(&t.db, &elder["household"]);
    assert_eq!(
        home["members"],
        serde_json::json!([elder["id"], daughter["id"]])
    );
    assert_eq!(home["address"]["text"], "槐荫小区");
    assert_eq!(home["address"]["room"], "501");
    let other = resident(&t.db, "闵春兰");
    assert_ne!(other["household"], elder["household"]);
    assert_eq!(other["birth"], Value::Null);

    // The same roster again, in this process this time: nothing new, nothing changed.
    let again = ok(
        &t.db,
        &["--no-server", "import", file.to_str().expect("utf-8")],
    );
    assert!(
        again.contains("Residents: 0 added, 0 updated, 3 unchanged; households: 0 added, 0 updated, 2 unchanged"),
        "{again}"
    );
    assert_eq!(records(&t.db).len(), before + 5);
}

#[test]
fn a_utf8_csv_with_a_bom_is_read_and_a_changed_phone_is_one_update() {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    let text = format!("\u{feff}{}", csv(&roster_rows()));
    std::fs::write(&file, text).expect("write");
    let out = ok(
        &t.db,
        &["--no-server", "import", file.to_str().expect("utf-8")],
    );
    assert!(out.contains("(CSV, utf-8)"), "{out}");
    assert!(out.contains("3 added"), "{out}");
    // The header's first cell is 序号 without the byte-order mark: the mapping did not see it.
    assert!(out.contains("not imported: 序号\n"), "{out}");

    let mut rows = roster_rows();
    rows[2] = rows[2].replace("13900000003", "13900000033");
    std::fs::write(&file, csv(&rows)).expect("write");
    let out = ok(
        &t.db,
        &["--no-server", "import", file.to_str().expect("utf-8")],
    );
    assert!(
        out.contains("Residents: 0 added, 1 updated, 2 unchanged; households: 0 added, 0 updated, 2 unchanged"),
        "{out}"
    );
    assert_eq!(resident(&t.db, "闵春兰")["phone"], "13900000033");
}

#[test]
fn a_resident_who_moved_joins_the_new_household_and_leaves_the_old_one() {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    // With her ID number: a move changes her address, so only the number can tell it is her.
    let number = id("43010319491102006");
    let mut rows = roster_rows();
    rows[2] = format!("3,闵春兰,,,{number},13900000003,G2,槐荫小区,5,1,102,户主,困难家庭,,");
    std::fs::write(&file, csv(&rows)).expect("write");
    let path = file.to_str().expect("utf-8");
    ok(&t.db, &["--no-server", "import", path]);
    let before = resident(&t.db, "闵春兰");
    let elder = resident(&t.db, "甘雨桐");

    // 闵春兰 now lives with 甘雨桐: her row follows theirs, not heading a household.
    rows[2] = format!("3,闵春兰,,,{number},13900000003,G2,槐荫小区,3,2,501,租户,困难家庭,,");
    std::fs::write(&file, csv(&rows)).expect("write");
    let out = ok(&t.db, &["--no-server", "import", path]);
    assert!(
        out.contains("Residents: 0 added, 1 updated, 2 unchanged; households: 0 added, 2 updated, 0 unchanged"),
        "{out}"
    );
    let after = resident(&t.db, "闵春兰");
    assert_eq!(after["id"], before["id"], "the same person, not a new one");
    assert_eq!(after["household"], elder["household"]);
    let joined = household(&t.db, &elder["household"]);
    assert_eq!(joined["members"].as_array().map(Vec::len), Some(3));
    assert_eq!(joined["members"][0], elder["id"], "the head stays first");
    let left = household(&t.db, &before["household"]);
    assert_eq!(left["members"], serde_json::json!([]));
}

/// A sheet as government templates make it: a merged title, a merged line under it, then the
/// header on row 3; birth dates as real Excel dates and as a serial number.
fn write_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名册").expect("name");
    let merged = Format::new();
    sheet
        .merge_range(0, 0, 0, 7, "槐荫社区居民花名册", &merged)
        .expect("title");
    sheet
        .merge_range(
            1,
            0,
            1,
            7,
            "填报单位：桂园网格    填报日期：2026年11月",
            &merged,
        )
        .expect("subtitle");
    let header = [
        "姓名",
        "性别",
        "出生日期",
        "身份证号",
        "手机号码",
        "网格",
        "住址",
        "户号",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let day = ExcelDateTime::from_ymd(1948, 10, 1).expect("date");
    let rows: [(&str, &str); 2] = [("甘雨桐", "女"), ("甘小禾", "女")];
    for (i, (name, gender)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, *name).expect("name");
        sheet.write_string(r, 1, *gender).expect("gender");
        sheet.write_string(r, 5, "G2").expect("grid");
        sheet
            .write_string(r, 6, "槐荫小区 3-2-501")
            .expect("address");
        sheet.write_number(r, 7, 1).expect("household");
    }
    sheet
        .write_datetime_with_format(3, 2, &day, &date)
        .expect("date");
    // 1980-06-07 as the number Excel keeps for it, in a cell without a date format.
    sheet.write_number(4, 2, 29379).expect("serial");
    sheet.write_string(4, 4, "13900000002").expect("phone");
    book.save(path).expect("save");
}

#[test]
fn an_xlsx_with_merged_title_rows_finds_its_header_or_takes_it_from_header_row() {
    let t = TempDb::demo();
    let file = t.file("花名册.xlsx");
    write_xlsx(&file);
    let path = file.to_str().expect("utf-8");
    let dry = ok(&t.db, &["--no-server", "import", path, "--dry-run"]);
    assert!(dry.contains("(sheet \"花名册\"), header on row 3"), "{dry}");
    let given = ok(
        &t.db,
        &[
            "--no-server",
            "import",
            path,
            "--dry-run",
            "--header-row",
            "3",
            "--sheet",
            "花名册",
        ],
    );
    assert_eq!(given, dry);
    // Row 1 holds the title: no name column there.
    let r = run(
        &t.db,
        "en",
        &["--no-server", "import", path, "--header-row", "1"],
    );
    assert!(r.fails_with(1).contains("no name column"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &["--no-server", "import", path, "--sheet", "Sheet9"],
    );
    assert!(r.fails_with(1).contains("花名册"), "{r:?}");

    let out = ok(&t.db, &["import", path]);
    assert!(out.contains("2 added"), "{out}");
    assert!(out.contains("households: 1 added"), "{out}");
    common::stop_server(&t.db);
    assert_eq!(resident(&t.db, "甘雨桐")["birth"], "1948-10-01");
    let daughter = resident(&t.db, "甘小禾");
    assert_eq!(daughter["birth"], "1980-06-07");
    assert_eq!(daughter["phone"], "13900000002");
    let home = household(&t.db, &daughter["household"]);
    assert_eq!(home["address"]["text"], "槐荫小区 3-2-501");
    assert_eq!(home["members"].as_array().map(Vec::len), Some(2));
}

/// Imports `rows` and expects a refusal naming `needle`, in `lang`, with nothing written.
#[track_caller]
fn refused(rows: &[String], lang: &str, needle: &str) {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    std::fs::write(&file, csv(rows)).expect("write");
    let before = records(&t.db);
    let r = run(
        &t.db,
        lang,
        &["--no-server", "import", file.to_str().expect("utf-8")],
    );
    let said = r.fails_with(1);
    assert!(said.contains(needle), "{said}");
    assert_eq!(records(&t.db), before, "a refused import wrote something");
}

#[test]
fn bad_rows_are_refused_with_their_row_and_column_and_nothing_is_written() {
    let mut rows = roster_rows();
    rows[1] = rows[1].replace(&id("43010319800607004"), &bad_id("43010319800607004"));
    refused(&rows, "zh", "第 3 行「公民身份号码」：校验位不符");
    refused(
        &rows,
        "en",
        "row 3, column 公民身份号码: the check digit does not match",
    );

    let mut rows = roster_rows();
    rows[2] = rows[2].replace(",G2,", ",G9,");
    refused(&rows, "en", "row 4, column 网格: no such grid");

    let mut rows = roster_rows();
    rows[2] = "3,闵春兰,,1952年2月30日,,13900000003,G2,槐荫小区,5,1,102,户主,,,".to_owned();
    refused(&rows, "zh", "第 4 行「出生日期」：日期不存在");

    // The birth date column and the ID number disagree.
    let mut rows = roster_rows();
    rows[0] = rows[0].replace("1952.3.4", "1952.3.5");
    refused(
        &rows,
        "en",
        "row 2, column 出生日期: differs from the birth date inside the ID number",
    );

    let mut rows = roster_rows();
    rows[0] = rows[0].replace("13900000011；13900000012", "13900000011");
    refused(
        &rows,
        "en",
        "row 2, column 紧急联系电话: 2 contacts but 1 phones",
    );

    let mut rows = roster_rows();
    rows.push(rows[1].replace("2,甘小禾", "4,甘小禾"));
    refused(
        &rows,
        "en",
        "row 5, column 公民身份号码: is the same person as on row 3",
    );

    // The daughter in grid G1, her household (headed on row 2) in G2.
    let mut rows = roster_rows();
    rows[1] = rows[1].replace(",桂园网格,", ",G1,");
    refused(
        &rows,
        "zh",
        "第 3 行「网格」：与户主（第 2 行）不在同一网格",
    );
}

#[test]
fn the_dry_run_shows_the_mapping_the_first_rows_and_the_counts_and_writes_nothing() {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    let mut text = csv(&roster_rows());
    text = text.replacen("门牌号,", "门牌号,居住情况,", 1);
    let text: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_owned()
            } else {
                // An empty cell for the extra column, after the room.
                let cells: Vec<&str> = l.splitn(12, ',').collect();
                format!("{},,{}", cells[..11].join(","), cells[11])
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, text).expect("write");
    let before = records(&t.db);
    let path = file.to_str().expect("utf-8");
    let r = run(&t.db, "zh", &["--no-server", "import", path, "--dry-run"]);
    assert_eq!(r.code, 0, "{r:?}");
    let out = r.stdout;
    for line in [
        "列的对应：",
        "  姓名 → name（姓名）",
        "  公民身份号码 → id_number（身份证号）",
        "  序号 → （未对应，不导入）",
        "  居住情况 → （未对应，不导入）",
        "前 3 行，按将要保存的样子：",
        "居民：新增 3，更新 0，不变 0；户：新增 2，更新 0，不变 0",
        "检查通过，未写入（--dry-run）。",
    ] {
        assert!(out.contains(line), "{line:?} in\n{out}");
    }
    let first = out
        .lines()
        .find(|l| l.contains("第 2 行"))
        .expect("the first row");
    assert!(
        first.contains("[新增]  甘雨桐  女  1952-03-04  430103********002"),
        "{first}"
    );
    assert!(
        first.contains("139****0001  G2  槐荫小区 3-2-501  老年人、残疾人士  紧急联系人 2"),
        "{first}"
    );
    assert_eq!(records(&t.db), before);

    // --map names the extra column; then nothing is left unmapped.
    let out = ok(
        &t.db,
        &[
            "--no-server",
            "import",
            path,
            "--dry-run",
            "--map",
            "居住情况=health",
        ],
    );
    assert!(out.contains("  居住情况 → health\n"), "{out}");
    let r = run(
        &t.db,
        "en",
        &["--no-server", "import", path, "--map", "居住情况=age"],
    );
    assert!(r.fails_with(2).contains("--map"), "{r:?}");
}

#[test]
fn a_wrong_encoding_or_an_option_on_json_lines_is_one_clear_sentence() {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    let text = csv(&roster_rows());
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&file, &gbk).expect("write");
    let path = file.to_str().expect("utf-8");
    let r = run(
        &t.db,
        "en",
        &["--no-server", "import", path, "--encoding", "utf-8"],
    );
    assert!(r.fails_with(1).contains("not valid utf-8 text"), "{r:?}");
    let out = ok(
        &t.db,
        &[
            "--no-server",
            "import",
            path,
            "--encoding",
            "gbk",
            "--dry-run",
        ],
    );
    assert!(out.contains("(CSV, gbk)"), "{out}");
    let r = run(
        &t.db,
        "en",
        &["--no-server", "import", path, "--encoding", "latin1"],
    );
    assert!(r.fails_with(2).contains("latin1"), "{r:?}");
    let jsonl = t.file("more.jsonl");
    std::fs::write(&jsonl, "").expect("write");
    let r = run(
        &t.db,
        "en",
        &[
            "--no-server",
            "import",
            jsonl.to_str().expect("utf-8"),
            "--sheet",
            "x",
        ],
    );
    assert!(r.fails_with(2).contains("CSV and Excel"), "{r:?}");
}

/// Rows of a generated roster: one household of two per address and grid, valid ID numbers.
fn generated_rows(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let body = format!("430103{:04}0101{:03}", 1930 + i % 70, i % 1000);
            let building = i / 200 + 1;
            let room = (i / 2) % 100 + 101;
            let relation = if i % 2 == 0 { "户主" } else { "配偶" };
            format!(
                "{i},居民{i},,,{},139{:08},G{},生成小区,{building},1,{room},{relation},,,",
                id(&body),
                i,
                // The two people of a household are in one grid.
                i / 2 % 6 + 1
            )
        })
        .collect()
}

/// 10,000 rows in this process under a 512 MB limit on its data (heap and anonymous
/// mappings): an import that held the roster many times over, or grew with its square, would
/// be refused memory and fail.
#[test]
fn ten_thousand_rows_import_in_bounded_memory() {
    let t = TempDb::demo();
    let file = t.file("big.csv");
    // ID numbers must differ: the body varies with the year and the sequence.
    let rows: Vec<String> = generated_rows(10_000)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let body = format!(
                "43010{:01}{:04}0101{:03}",
                i / 1000 % 10,
                1930 + i % 70,
                i % 1000
            );
            let old = r.split(',').nth(4).expect("id").to_owned();
            r.replacen(&old, &id(&body), 1)
        })
        .collect();
    std::fs::write(&file, csv(&rows)).expect("write");
    let r = common::Run::of(
        common::qiaomen_after("ulimit -d 524288 && exec \"$0\" \"$@\"", &t.db, "en").args([
            "--no-server",
            "import",
            file.to_str().expect("utf-8"),
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(
        r.stdout.contains("Residents: 10000 added") && r.stdout.contains("households: 5000 added"),
        "{}",
        r.stdout
    );
}

/// Writes a generated roster of `QIAOMEN_ROSTER_ROWS` rows (100,000 by default) as XLSX to
/// `QIAOMEN_ROSTER_OUT`, for measuring an import by hand (see the README); not a test.
#[test]
#[ignore = "writes a large file for a measurement by hand"]
fn write_a_generated_roster() {
    use rust_xlsxwriter::Workbook;
    let Ok(out) = std::env::var("QIAOMEN_ROSTER_OUT") else {
        return;
    };
    let n: usize = std::env::var("QIAOMEN_ROSTER_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).expect("header");
    }
    for (i, row) in generated_rows(n).iter().enumerate() {
        let body = format!("4{:05}{:04}0101{:03}", i / 1000, 1930 + i % 70, i % 1000);
        for (c, cell) in row.split(',').enumerate() {
            let cell = if c == 4 { id(&body) } else { cell.to_owned() };
            sheet
                .write_string(i as u32 + 1, c as u16, cell)
                .expect("cell");
        }
    }
    book.save(out).expect("save");
}

/// The residents sheet as CSV rows (header first), with the household numbers renumbered in
/// order of first appearance: two databases number their households independently.
fn roster_csv(db: &Path) -> Vec<Vec<String>> {
    let text = ok(
        db,
        &[
            "--no-server",
            "export",
            "--format",
            "csv",
            "--what",
            "residents",
            "--encoding",
            "utf8",
        ],
    );
    let mut rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect();
    let column = csv::Reader::from_reader(text.as_bytes())
        .headers()
        .expect("a header")
        .iter()
        .position(|h| h == "household")
        .expect("a household column");
    let mut seen: Vec<String> = Vec::new();
    for row in &mut rows {
        let number = std::mem::take(&mut row[column]);
        if number.is_empty() {
            continue;
        }
        let n = seen.iter().position(|s| *s == number).unwrap_or_else(|| {
            seen.push(number);
            seen.len() - 1
        });
        row[column] = format!("#{n}");
    }
    rows
}

#[test]
fn an_exported_xlsx_roster_imports_unchanged_and_exports_the_same_again() {
    let t = TempDb::demo();
    let file = t.file("roster.xlsx");
    let path = file.to_str().expect("utf-8");
    let export = |out: &str| {
        ok(
            &t.db,
            &[
                "--no-server",
                "export",
                "--format",
                "xlsx",
                "--what",
                "residents",
                "--out",
                out,
            ],
        )
    };
    export(path);
    let first = std::fs::read(&file).expect("the roster");

    // Into the same database: every resident and household recognised, nothing written.
    let again = ok(&t.db, &["--no-server", "import", path]);
    let residents = roster_csv(&t.db).len();
    assert!(
        again.contains(&format!(
            "Residents: 0 added, 0 updated, {residents} unchanged"
        )),
        "{again}"
    );
    let second = t.file("again.xlsx");
    export(second.to_str().expect("utf-8"));
    assert_eq!(
        std::fs::read(&second).expect("again"),
        first,
        "the same bytes"
    );

    // Into a database holding only the community, its grids and its members: the same people
    // in the same households, row for row.
    let other = TempDb::empty();
    ok(&other.db, &["init", "--empty"]);
    let setup = other.file("setup.jsonl");
    let lines: Vec<String> = ok(&t.db, &["--no-server", "export"])
        .lines()
        .filter(|l| {
            ["community", "grid", "member"]
                .iter()
                .any(|k| l.starts_with(&format!(r#"{{"type":"{k}""#)))
        })
        .map(str::to_owned)
        .collect();
    std::fs::write(&setup, lines.join("\n") + "\n").expect("setup");
    ok(
        &other.db,
        &["--no-server", "import", setup.to_str().expect("utf-8")],
    );
    let into = ok(&other.db, &["--no-server", "import", path]);
    assert!(
        into.contains(&format!("Residents: {residents} added")),
        "{into}"
    );
    assert_eq!(roster_csv(&other.db), roster_csv(&t.db));
}

#[test]
fn a_roster_read_again_does_not_bring_back_someone_who_left() {
    let t = TempDb::demo();
    let file = t.file("roster.csv");
    std::fs::write(&file, csv(&roster_rows())).expect("write");
    let path = file.to_str().expect("utf-8");
    ok(&t.db, &["--no-server", "import", path]);
    ok(
        &t.db,
        &[
            "--no-server",
            "resident",
            "leave",
            "闵春兰",
            "--reason",
            "moved",
            "--date",
            "2026-11-20",
        ],
    );
    let before = records(&t.db);
    // Found by her name and home (no ID number on her row).
    let r = run(&t.db, "en", &["--no-server", "import", path]);
    let said = r.fails_with(1);
    assert!(
        said.contains("row 4, column 姓名")
            && said.contains("闵春兰, who left on 2026-11-20 (moved out)"),
        "{said}"
    );
    let r = run(&t.db, "zh", &["--no-server", "import", path]);
    let said = r.fails_with(1);
    assert!(said.contains("第 4 行") && said.contains("离开"), "{said}");
    assert_eq!(records(&t.db), before, "nothing written");
    // Nor by her ID number, when the row gives one.
    let mut rows = roster_rows();
    rows.remove(2);
    std::fs::write(&file, csv(&rows)).expect("write");
    ok(&t.db, &["--no-server", "import", path]);
    ok(
        &t.db,
        &[
            "--no-server",
            "resident",
            "leave",
            "甘小禾",
            "--reason",
            "died",
        ],
    );
    let r = run(&t.db, "en", &["--no-server", "import", path]);
    let said = r.fails_with(1);
    assert!(said.contains("row 3, column 公民身份号码"), "{said}");
    // Search leaves them out too, unless asked for everyone.
    let found = run(&t.db, "en", &["--no-server", "find", "闵春兰"]);
    assert!(found.stdout.contains("Nothing matches"), "{found:?}");
    let found = run(&t.db, "en", &["--no-server", "find", "--all", "闵春兰"]);
    assert!(found.stdout.contains("闵春兰 (left)"), "{found:?}");
}

/// Imports a workbook of two people of one household (柏雪芹 born 1947-05-12 as a real date,
/// 柏东林 born 1975-08-09 written the Chinese way) under a title row, header on row 2, and
/// checks what was stored.
#[track_caller]
fn imports_the_two_of_the_bai_household(path: &Path, kind: &str) {
    let t = TempDb::demo();
    let path = path.to_str().expect("utf-8");
    let dry = ok(&t.db, &["--no-server", "import", path, "--dry-run"]);
    assert!(
        dry.contains("(sheet \"花名册\"), header on row 2"),
        "{kind}: {dry}"
    );
    assert!(dry.contains("2 added"), "{kind}: {dry}");
    let out = ok(&t.db, &["--no-server", "import", path]);
    assert!(out.contains("households: 1 added"), "{kind}: {out}");
    let mother = resident(&t.db, "柏雪芹");
    assert_eq!(mother["birth"], "1947-05-12", "{kind}");
    assert_eq!(mother["phone"], "13900000071", "{kind}");
    let son = resident(&t.db, "柏东林");
    assert_eq!(son["birth"], "1975-08-09", "{kind}");
    assert_eq!(son["household"], mother["household"], "{kind}");
    let home = household(&t.db, &son["household"]);
    assert_eq!(home["address"]["text"], "槐荫小区 7-1-301", "{kind}");
    // Read again, nothing changes.
    let again = ok(&t.db, &["--no-server", "import", path]);
    assert!(
        again.contains("0 added, 0 updated, 2 unchanged"),
        "{kind}: {again}"
    );
}

#[test]
fn an_xls_roster_imports() {
    // Made once by tests/fixtures/make_roster_xls.py (xlwt), committed.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster.xls");
    imports_the_two_of_the_bai_household(&fixture, "xls");
}

/// The same roster as an OpenDocument spreadsheet (LibreOffice, WPS), written here: a zip of
/// an uncompressed `mimetype` first, a manifest and `content.xml`.
fn write_ods(path: &Path) {
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;
    let text = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let header = [
        "姓名",
        "性别",
        "出生日期",
        "身份证号",
        "手机号码",
        "网格",
        "住址",
        "户号",
    ];
    let household = r#"<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>"#;
    let empty = "<table:table-cell/>".to_owned();
    let rows = [
        row(&[
            r#"<table:table-cell office:value-type="string" table:number-columns-spanned="8"><text:p>槐荫社区居民花名册（示例）</text:p></table:table-cell>"#.to_owned(),
        ]),
        row(&header.iter().map(|h| text(h)).collect::<Vec<_>>()),
        row(&[
            text("柏雪芹"),
            text("女"),
            r#"<table:table-cell office:value-type="date" office:date-value="1947-05-12"><text:p>1947-05-12</text:p></table:table-cell>"#.to_owned(),
            empty.clone(),
            text("13900000071"),
            text("G2"),
            text("槐荫小区 7-1-301"),
            household.to_owned(),
        ]),
        row(&[
            text("柏东林"),
            text("男"),
            text("1975年8月9日"),
            empty,
            text("13900000072"),
            text("G2"),
            text("槐荫小区 7-1-301"),
            household.to_owned(),
        ]),
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="花名册">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows.concat()
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    let deflated = SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("manifest");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(content.as_bytes()).expect("write");
    zip.finish().expect("finish");
}

#[test]
fn an_ods_roster_imports() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("花名册.ods");
    write_ods(&file);
    imports_the_two_of_the_bai_household(&file, "ods");
}
