//! A partner is one record per name and kind: `SavePartner` and the import refuse a second
//! one, with the first one's number, and change nothing.

mod common;

use std::io::Cursor;

use common::{apply_err, apply_ok, clerk, export, invalid_field, town};
use qiaomen_core::model::{Id, Partner, PartnerKind};
use qiaomen_core::register::RegisterCommand as R;
use qiaomen_core::{Command, Error, Store};

fn partner(name: &str, kind: PartnerKind) -> Partner {
    Partner {
        id: 0,
        name: name.into(),
        kind,
        agreement_signed: None,
        scope: String::new(),
        contact: String::new(),
        phone: String::new(),
    }
}

fn save(store: &Store, p: Partner) -> Id {
    apply_ok(store, Command::Register(R::SavePartner(p)), &clerk()).id
}

#[test]
fn a_second_partner_with_the_same_name_and_kind_is_refused() {
    let t = town();
    let first = save(
        &t.store,
        partner("青石建材有限公司", PartnerKind::Enterprise),
    );
    for name in ["青石建材有限公司", "  青石建材有限公司 "] {
        let e = apply_err(
            &t.store,
            Command::Register(R::SavePartner(partner(name, PartnerKind::Enterprise))),
            &clerk(),
        );
        assert_eq!(invalid_field(&e), "name");
        assert!(e.to_string().contains(&format!("existing: {first}")), "{e}");
    }
    // ASCII case is not a different partner either.
    save(&t.store, partner("ABC Bank", PartnerKind::Bank));
    apply_err(
        &t.store,
        Command::Register(R::SavePartner(partner("abc bank", PartnerKind::Bank))),
        &clerk(),
    );
}

#[test]
fn the_same_name_of_another_kind_and_an_edit_of_itself_are_accepted() {
    let t = town();
    let school = save(&t.store, partner("青石实验学校", PartnerKind::School));
    save(&t.store, partner("青石实验学校", PartnerKind::Unit));
    // Saving the partner itself again (an edit) is not a duplicate of itself.
    let mut edit = partner("青石实验学校", PartnerKind::School);
    edit.id = school;
    edit.scope = "课业辅导".into();
    assert_eq!(save(&t.store, edit), school);
}

fn import(store: &Store, text: &str) -> qiaomen_core::Result<()> {
    let owned = text.to_owned();
    store
        .import(
            move || Ok(Cursor::new(owned.clone())),
            false,
            "柳青禾",
            1_773_100_800,
            "test.jsonl",
        )
        .map(|_| ())
}

const TWO: &str = r#"{"type":"partner","id":1,"name":"青石供电所","kind":"unit"}
{"type":"partner","id":2,"name":"青石供电所","kind":"unit"}
"#;

#[test]
fn the_import_refuses_a_repeat_in_the_file_and_one_already_in_the_database() {
    let store = Store::temporary().expect("store");
    match import(&store, TWO) {
        Err(Error::Import { line, reason }) => {
            assert_eq!(line, 2);
            assert!(reason.to_string().contains("existing: 1"), "{reason}");
        }
        other => panic!("expected a refusal of line 2, got {other:?}"),
    }
    assert!(
        !export(&store, false).contains("青石供电所"),
        "all or nothing: the first line was not kept either"
    );

    let first = TWO.lines().next().unwrap();
    import(&store, first).expect("one partner imports");
    let again = r#"{"type":"partner","id":7,"name":"青石供电所","kind":"unit"}"#;
    match import(&store, again) {
        Err(Error::Import { line: 1, reason }) => {
            assert!(reason.to_string().contains("existing: 1"), "{reason}");
        }
        other => panic!("expected a refusal of line 1, got {other:?}"),
    }
    let other_kind = r#"{"type":"partner","id":7,"name":"青石供电所","kind":"enterprise"}"#;
    import(&store, other_kind).expect("the same name of another kind imports");
}
