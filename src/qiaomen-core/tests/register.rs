//! The register end to end through commands: the household file's workflow and its refusals,
//! public notices that leak nothing, pledges and what is due, the fund ledger and its
//! statement, the double-help warning, and meeting decisions.

mod common;

use std::fmt::Write as _;

use common::{Town, actor, apply_err, apply_ok, at, clerk, day, export, new_resident, town};
use qiaomen_core::model::{
    Address, Category, Decision, Delivery, Direction, EmergencyContact, FileStatus, FundEntry,
    Household, Id, Meeting, MeetingKind, Need, Partner, PartnerKind, Period, Pledge, PledgeStatus,
    PledgeWhat, Resident, Visit,
};
use qiaomen_core::register::{
    self, Notice, RegisterCommand as R, duplicate_help, household_file, open_decisions,
    pledges_due, statement,
};
use qiaomen_core::text::id_check_char;
use qiaomen_core::{Actor, Command, Error, Store};

fn reg(c: R) -> Command {
    Command::Register(c)
}

fn on(date: &str) -> Actor {
    actor("贺明远", at(date, "10:00"))
}

/// A valid GB 11643 number from its first 17 digits.
fn id_number(first17: &str) -> String {
    format!("{first17}{}", id_check_char(first17).expect("17 digits"))
}

const HEAD_PHONE: &str = "13807315678";
const CONTACT_PHONE: &str = "13975112345";

struct Fixture {
    t: Town,
    household: Id,
    head_id: String,
    unit: Id,
    bank: Id,
}

fn fixture() -> Fixture {
    let t = town();
    let a = clerk();
    let head_id = id_number("43010319800101123");
    let mut head = new_resident("徐小平", t.grid);
    head.birth = Some(day("1980-01-01"));
    head.phone = HEAD_PHONE.into();
    head.id_number = Some(head_id.clone());
    head.contacts = vec![EmergencyContact {
        name: "吴桂兰".into(),
        relation: "姐姐".into(),
        phone: CONTACT_PHONE.into(),
    }];
    let head = apply_ok(&t.store, Command::SaveResident(head), &a).id;
    let child = apply_ok(
        &t.store,
        Command::SaveResident(new_resident("徐安安", t.grid)),
        &a,
    )
    .id;
    let h = Household {
        id: 0,
        grid: t.grid,
        address: Address {
            building: "3".into(),
            unit: "2".into(),
            room: "501".into(),
            text: "青石小区".into(),
        },
        members: vec![head, child],
        categories: vec![Category::Disabled, Category::InDifficulty],
        needs: format!("徐小平需要轮椅一台，可联系吴桂兰 139 7511 2345；证件{head_id}"),
        file: Vec::new(),
    };
    let household = apply_ok(&t.store, Command::SaveHousehold(h), &a).id;
    let unit = save_partner(&t.store, "青石供电所", PartnerKind::Unit);
    let bank = save_partner(&t.store, "湘江农商银行青石支行", PartnerKind::Bank);
    Fixture {
        t,
        household,
        head_id,
        unit,
        bank,
    }
}

fn save_partner(store: &Store, name: &str, kind: PartnerKind) -> Id {
    let p = Partner {
        id: 0,
        name: name.into(),
        kind,
        agreement_signed: Some(day("2026-01-15")),
        scope: "助残、助学".into(),
        contact: String::new(),
        phone: String::new(),
    };
    apply_ok(store, reg(R::SavePartner(p)), &clerk()).id
}

fn step(store: &Store, h: Id, to: FileStatus, who: &Actor) {
    apply_ok(
        store,
        reg(R::FileStep {
            household: h,
            to,
            note: String::new(),
        }),
        who,
    );
}

fn status(store: &Store, h: Id) -> Option<FileStatus> {
    store.require::<Household>(h).unwrap().file_status()
}

fn publish(store: &Store, households: Vec<Id>, date: &str, who: &Actor) -> Id {
    let c = R::PublishNotice {
        households,
        date: day(date),
        period_days: 7,
    };
    apply_ok(store, reg(c), who).id
}

fn item(partner: Id, household: Id, what: &str, need: &str) -> Pledge {
    Pledge {
        id: 0,
        partner,
        household,
        made: day("2026-03-10"),
        what: PledgeWhat::Item {
            description: what.into(),
        },
        need: Need::parse(need).expect("a need tag"),
        status: PledgeStatus::Active,
        deliveries: Vec::new(),
        note: String::new(),
    }
}

fn money(partner: Id, household: Id, yuan: i64, until: &str, need: &str) -> Pledge {
    Pledge {
        what: PledgeWhat::Money {
            amount_fen: yuan * 100,
            period: Period::Year,
            until: day(until),
        },
        ..item(partner, household, "", need)
    }
}

/// Walks a household to `published`: registered, reviewed on 03-10, noticed 03-10 for 7 days,
/// published on 03-17.
fn to_published(fx: &Fixture) {
    let s = &fx.t.store;
    step(s, fx.household, FileStatus::Registered, &clerk());
    step(s, fx.household, FileStatus::Reviewed, &clerk());
    publish(s, vec![fx.household], "2026-03-10", &clerk());
    step(s, fx.household, FileStatus::Published, &on("2026-03-17"));
}

fn file_step(h: Id, to: FileStatus) -> Command {
    reg(R::FileStep {
        household: h,
        to,
        note: String::new(),
    })
}

fn transition(err: &Error) -> String {
    match err {
        Error::InvalidTransition { reason, .. } => format!("{reason:?}"),
        other => panic!("expected InvalidTransition, got {other:?}"),
    }
}

#[test]
fn the_file_goes_through_every_step_recording_who_and_when() {
    let fx = fixture();
    let s = &fx.t.store;
    assert_eq!(status(s, fx.household), None);
    to_published(&fx);
    let later = on("2026-03-18");
    let pledge = apply_ok(
        s,
        reg(R::Claim(item(fx.unit, fx.household, "轮椅", "wheelchair"))),
        &later,
    )
    .id;
    assert_eq!(status(s, fx.household), Some(FileStatus::Claimed));
    step(s, fx.household, FileStatus::Tracking, &later);
    let delivery = Delivery {
        date: day("2026-03-18"),
        amount_fen: 0,
        reference: "交接单 0318".into(),
        note: String::new(),
    };
    apply_ok(s, reg(R::Deliver { pledge, delivery }), &later);
    assert_eq!(
        s.require::<Pledge>(pledge).unwrap().status,
        PledgeStatus::Fulfilled
    );
    step(s, fx.household, FileStatus::Closed, &on("2026-03-20"));

    let file = s.require::<Household>(fx.household).unwrap().file;
    let seen: Vec<(FileStatus, String, String)> = file
        .iter()
        .map(|st| (st.status, st.by.clone(), st.date.to_string()))
        .collect();
    let who = |s: &str| s.to_owned();
    assert_eq!(
        seen,
        vec![
            (FileStatus::Registered, who("柳青禾"), who("2026-03-10")),
            (FileStatus::Reviewed, who("柳青禾"), who("2026-03-10")),
            (FileStatus::Noticed, who("柳青禾"), who("2026-03-10")),
            (FileStatus::Published, who("贺明远"), who("2026-03-17")),
            (FileStatus::Claimed, who("贺明远"), who("2026-03-18")),
            (FileStatus::Tracking, who("贺明远"), who("2026-03-18")),
            (FileStatus::Closed, who("贺明远"), who("2026-03-20")),
        ]
    );
    assert_eq!(file[2].note, "notice #1");
    let view = household_file(s, fx.household).unwrap();
    assert_eq!(view.status, Some(FileStatus::Closed));
    assert_eq!(view.next, None);
    assert_eq!(view.members.len(), 2);
    assert_eq!(view.partners.len(), 1);
    assert_eq!(view.notices.len(), 1);
}

#[test]
fn steps_cannot_be_skipped_or_taken_back_without_a_reopen() {
    let fx = fixture();
    let s = &fx.t.store;
    let a = clerk();
    // No file yet: the first step is registered.
    let err = apply_err(s, file_step(fx.household, FileStatus::Reviewed), &a);
    assert!(
        transition(&err).contains("StepSkipped { next: \"registered\""),
        "{err}"
    );
    step(s, fx.household, FileStatus::Registered, &a);
    let err = apply_err(s, file_step(fx.household, FileStatus::Published), &a);
    assert!(transition(&err).contains("StepSkipped"), "{err}");
    let err = apply_err(s, file_step(fx.household, FileStatus::Registered), &a);
    assert!(transition(&err).contains("StepsGoForward"), "{err}");
    step(s, fx.household, FileStatus::Reviewed, &a);
    let err = apply_err(s, file_step(fx.household, FileStatus::Registered), &a);
    assert!(transition(&err).contains("StepsGoForward"), "{err}");
    // noticed and claimed have their own commands.
    let err = apply_err(s, file_step(fx.household, FileStatus::Noticed), &a);
    assert!(transition(&err).contains("NoticedByNotice"), "{err}");
    publish(s, vec![fx.household], "2026-03-10", &a);
    // Publishing for claims waits for the end of the notice period (03-10 to 03-16).
    let err = apply_err(
        s,
        file_step(fx.household, FileStatus::Published),
        &on("2026-03-16"),
    );
    assert!(transition(&err).contains("until: \"2026-03-16\""), "{err}");
    step(s, fx.household, FileStatus::Published, &on("2026-03-17"));
    let err = apply_err(
        s,
        file_step(fx.household, FileStatus::Claimed),
        &on("2026-03-17"),
    );
    assert!(transition(&err).contains("ClaimedByPledge"), "{err}");
    // A step dated before the file's last step is refused.
    let back = reg(R::Reopen {
        household: fx.household,
        to: FileStatus::Reviewed,
        reason: "复核".into(),
    });
    let err = apply_err(s, back, &a);
    assert!(transition(&err).contains("FileStepAfterToday"), "{err}");
}

#[test]
fn closed_is_final_except_a_reopen_with_a_reason() {
    let fx = fixture();
    let s = &fx.t.store;
    to_published(&fx);
    let later = on("2026-03-18");
    let p = apply_ok(
        s,
        reg(R::Claim(money(
            fx.unit,
            fx.household,
            1000,
            "2028-03-09",
            "助学",
        ))),
        &later,
    )
    .id;
    step(s, fx.household, FileStatus::Tracking, &later);
    let err = apply_err(s, file_step(fx.household, FileStatus::Closed), &later);
    assert!(
        transition(&err).contains(&format!("PledgeStillActive {{ pledge: {p} }}")),
        "{err}"
    );
    let end = |reason: &str| {
        reg(R::EndPledge {
            pledge: p,
            to: PledgeStatus::Cancelled,
            reason: reason.into(),
        })
    };
    let err = apply_err(s, end("  "), &later);
    assert!(transition(&err).contains("NeedsReason"), "{err}");
    apply_ok(s, end("家庭迁出本社区"), &later);
    step(s, fx.household, FileStatus::Closed, &later);
    let err = apply_err(s, file_step(fx.household, FileStatus::Closed), &later);
    assert!(transition(&err).contains("FileClosed"), "{err}");

    let reopen = |to: FileStatus, reason: &str| {
        reg(R::Reopen {
            household: fx.household,
            to,
            reason: reason.into(),
        })
    };
    let err = apply_err(s, reopen(FileStatus::Reviewed, ""), &later);
    assert!(transition(&err).contains("NeedsReason"), "{err}");
    let err = apply_err(s, reopen(FileStatus::Closed, "再次核查"), &later);
    assert!(transition(&err).contains("ReopenGoesBack"), "{err}");
    apply_ok(
        s,
        reopen(FileStatus::Reviewed, "收入情况有变，重新审核"),
        &later,
    );
    let h = s.require::<Household>(fx.household).unwrap();
    assert_eq!(h.file_status(), Some(FileStatus::Reviewed));
    let last = h.file.len() - 1;
    assert!(register::is_reopen(&h.file, last));
    assert_eq!(h.file[last].note, "收入情况有变，重新审核");
    assert_eq!(h.file[last].by, "贺明远");
    // After a reopen the file moves forward again, one step at a time.
    let err = apply_err(s, file_step(fx.household, FileStatus::Published), &later);
    assert!(transition(&err).contains("StepSkipped"), "{err}");
}

#[test]
fn editing_a_household_keeps_its_file() {
    let fx = fixture();
    let s = &fx.t.store;
    step(s, fx.household, FileStatus::Registered, &clerk());
    let mut h = s.require::<Household>(fx.household).unwrap();
    h.needs = "助听器".into();
    h.file.clear();
    apply_ok(s, Command::SaveHousehold(h), &clerk());
    let h = s.require::<Household>(fx.household).unwrap();
    assert_eq!(h.needs, "助听器");
    assert_eq!(h.file_status(), Some(FileStatus::Registered));
}

#[test]
fn a_household_is_claimed_only_once_published() {
    let fx = fixture();
    let s = &fx.t.store;
    step(s, fx.household, FileStatus::Registered, &clerk());
    let err = apply_err(
        s,
        reg(R::Claim(item(fx.unit, fx.household, "轮椅", "wheelchair"))),
        &clerk(),
    );
    assert!(transition(&err).contains("ClaimAfterPublished"), "{err}");
    to_published_from_registered(&fx);
    let mut p = item(fx.unit, fx.household, "轮椅", "wheelchair");
    p.id = 9;
    let err = apply_err(s, reg(R::Claim(p)), &on("2026-03-17"));
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
}

fn to_published_from_registered(fx: &Fixture) {
    let s = &fx.t.store;
    step(s, fx.household, FileStatus::Reviewed, &clerk());
    publish(s, vec![fx.household], "2026-03-10", &clerk());
    step(s, fx.household, FileStatus::Published, &on("2026-03-17"));
}

#[test]
fn a_notice_masks_names_and_hides_phones_ids_and_rooms() {
    let fx = fixture();
    let s = &fx.t.store;
    step(s, fx.household, FileStatus::Registered, &clerk());
    step(s, fx.household, FileStatus::Reviewed, &clerk());
    let preview = register::notice_text(s, &[fx.household], day("2026-03-10"), 7).unwrap();
    let id = publish(s, vec![fx.household], "2026-03-10", &clerk());
    let n = s.require::<Notice>(id).unwrap();
    assert_eq!(n.text, preview, "what was published is stored exactly");
    assert_eq!(n.households, vec![fx.household]);
    assert_eq!(status(s, fx.household), Some(FileStatus::Noticed));
    for secret in [
        "徐小平",
        "徐安安",
        "吴桂兰",
        HEAD_PHONE,
        CONTACT_PHONE,
        &fx.head_id,
        "501",
    ] {
        assert!(
            !n.text.contains(secret),
            "{secret} leaked into:\n{}",
            n.text
        );
    }
    assert!(!n.text.contains("139 7511 2345"), "{}", n.text);
    assert!(n.text.contains("徐*平户 青石小区 3栋，2人"), "{}", n.text);
    assert!(
        n.text.contains("2026年3月10日至2026年3月16日（7天）"),
        "{}",
        n.text
    );
    assert!(n.text.contains("类别：残疾人士、困难群众"), "{}", n.text);
    // The need in general words (SPEC §3): not the device, not the free text.
    assert!(n.text.contains("   需求：医疗康复\n"), "{}", n.text);
    assert!(!n.text.contains("轮椅"), "{}", n.text);
    // Exported and imported, the notice keeps its text byte for byte.
    let dump = export(s, false);
    let copy = Store::temporary().unwrap();
    let path = std::env::temp_dir().join(format!("qiaomen-register-{}.jsonl", std::process::id()));
    std::fs::write(&path, &dump).unwrap();
    let open = || std::fs::File::open(&path).map(std::io::BufReader::new);
    // Imported on the notice's day: the residents in it are born before it.
    copy.import(open, false, "t", at("2026-03-10", "18:00").unix, "test")
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(copy.require::<Notice>(id).unwrap(), n);
}

#[test]
fn a_notice_lists_only_reviewed_households_once_each() {
    let fx = fixture();
    let s = &fx.t.store;
    let a = clerk();
    step(s, fx.household, FileStatus::Registered, &a);
    let c = |households: Vec<Id>, period_days: u16| {
        reg(R::PublishNotice {
            households,
            date: day("2026-03-10"),
            period_days,
        })
    };
    let err = apply_err(s, c(vec![fx.household], 7), &a);
    assert!(transition(&err).contains("NotReviewed"), "{err}");
    step(s, fx.household, FileStatus::Reviewed, &a);
    for bad in [
        c(vec![], 7),
        c(vec![fx.household, fx.household], 7),
        c(vec![fx.household], 0),
    ] {
        assert!(matches!(apply_err(s, bad, &a), Error::Invalid { .. }));
    }
    assert!(matches!(
        apply_err(s, c(vec![fx.household, 999], 7), &a),
        Error::NotFound { .. }
    ));
}

/// A small deterministic generator (xorshift), so the property check needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick(&mut self, pool: &[char]) -> char {
        pool[self.below(pool.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

/// Random households whose free text repeats their members' names, phones (also spaced) and
/// ID numbers; names draw on characters of the notice's own wording too.
#[test]
fn no_member_name_phone_or_id_survives_into_any_notice() {
    let pool: Vec<char> = "徐梅欧阳李王张刘陈小平英秀兰华明伟芳公示社区户期需求类别人Ab"
        .chars()
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..400 {
        let mut listed = Vec::new();
        let mut secrets: Vec<String> = Vec::new();
        for hi in 0..=rng.below(3) {
            let mut members = Vec::new();
            let mut needs = String::new();
            for mi in 0..=rng.below(3) {
                let len = 1 + rng.below(4);
                let name: String = (0..len).map(|_| rng.pick(&pool)).collect();
                let phone = format!("1{}", rng.digits(10));
                let id = id_number(&format!("4301031980{}", rng.digits(7)));
                let mut r = new_resident(&name, 1);
                r.id = (hi * 10 + mi + 1) as Id;
                r.phone.clone_from(&phone);
                r.id_number = Some(id.clone());
                let contact: String = (0..2).map(|_| rng.pick(&pool)).collect();
                let contact_phone = format!("0731{}", rng.digits(8));
                r.contacts = vec![EmergencyContact {
                    name: contact.clone(),
                    relation: String::new(),
                    phone: contact_phone.clone(),
                }];
                let spaced = format!("{} {} {}", &phone[..3], &phone[3..7], &phone[7..]);
                let _ = write!(
                    needs,
                    "{name}{contact}电话{spaced}，{phone}；证{id}，{contact_phone}；"
                );
                if name.chars().count() >= 2 {
                    secrets.push(name);
                }
                secrets.extend([phone, id, contact, contact_phone]);
                members.push(r);
            }
            let h = Household {
                id: hi as Id + 1,
                grid: 1,
                address: Address {
                    text: format!("{}小区{}栋2单元501室", members[0].name, hi + 1),
                    ..Address::default()
                },
                members: members.iter().map(|m| m.id).collect(),
                categories: vec![Category::InDifficulty],
                needs,
                file: Vec::new(),
            };
            listed.push((h, members));
        }
        let community: String = (0..3).map(|_| rng.pick(&pool)).collect();
        let text = register::compose_notice(&community, &listed, day("2026-03-10"), 7)
            .unwrap_or_else(|err| panic!("case {case}: {err}"));
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "case {case}: {secret} leaked into:\n{text}"
            );
        }
        assert!(
            !text.contains("单元"),
            "case {case}: the unit leaked:\n{text}"
        );
    }
}

#[test]
fn a_name_that_cannot_be_masked_is_refused_not_published() {
    let mut r: Resident = new_resident("**", 1);
    r.id = 1;
    let h = Household {
        id: 1,
        grid: 1,
        address: Address {
            text: "青石小区".into(),
            ..Address::default()
        },
        members: vec![1],
        categories: Vec::new(),
        needs: String::new(),
        file: Vec::new(),
    };
    let err =
        register::compose_notice("青石社区", &[(h, vec![r])], day("2026-03-10"), 7).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
}

fn fund(
    date: &str,
    fen: i64,
    direction: Direction,
    partner: Option<Id>,
    household: Option<Id>,
) -> Command {
    reg(R::Fund(FundEntry {
        id: 0,
        date: day(date),
        amount_fen: fen,
        direction,
        partner,
        household,
        need: Some(Need::Education),
        note: String::new(),
    }))
}

#[test]
fn the_ledger_adds_up_in_fen_and_never_overdraws() {
    let fx = fixture();
    let s = &fx.t.store;
    let a = on("2026-04-30");
    apply_ok(
        s,
        fund("2026-03-01", 1_000_000, Direction::In, Some(fx.unit), None),
        &a,
    );
    apply_ok(
        s,
        fund("2026-03-05", 2_000_050, Direction::In, Some(fx.bank), None),
        &a,
    );
    apply_ok(
        s,
        fund("2026-04-02", 300_001, Direction::In, None, None),
        &a,
    );
    apply_ok(
        s,
        fund(
            "2026-04-03",
            500_000,
            Direction::Out,
            Some(fx.unit),
            Some(fx.household),
        ),
        &a,
    );
    apply_ok(
        s,
        fund("2026-04-20", 12_345, Direction::Out, None, None),
        &a,
    );
    let entries = s.all::<FundEntry>().unwrap();
    assert_eq!(register::balance(&entries).unwrap(), 2_787_706);
    assert_eq!(
        register::balance_on(&entries, day("2026-03-31")).unwrap(),
        3_000_050
    );

    // Paying out more than the fund holds is refused; so is a back-dated payment that the
    // later payments would then overdraw.
    let err = apply_err(
        s,
        fund("2026-04-30", 2_787_707, Direction::Out, None, None),
        &a,
    );
    assert!(
        matches!(err, Error::Invalid { ref reason, .. } if reason.to_string().contains("27,877.06")),
        "{err}"
    );
    let err = apply_err(
        s,
        fund("2026-03-02", 1_000_001, Direction::Out, None, None),
        &a,
    );
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    apply_ok(
        s,
        fund(
            "2026-04-30",
            2_787_706,
            Direction::Out,
            None,
            Some(fx.household),
        ),
        &a,
    );
    assert_eq!(
        register::balance(&s.all::<FundEntry>().unwrap()).unwrap(),
        0
    );
    // Entries are made once, on or before today, for known partners and households.
    assert!(matches!(
        apply_err(s, fund("2026-05-01", 1, Direction::In, None, None), &a),
        Error::Date(qiaomen_core::dates::DateRule::RecordOnFutureDay { .. })
    ));
    assert!(matches!(
        apply_err(s, fund("2026-04-01", 0, Direction::In, None, None), &a),
        Error::Invalid { .. }
    ));
    assert!(matches!(
        apply_err(s, fund("2026-04-01", 1, Direction::In, Some(99), None), &a),
        Error::NotFound { .. }
    ));

    let st = statement(s, day("2026-04-01"), day("2026-04-30")).unwrap();
    assert_eq!(st.opening_fen, 3_000_050);
    assert_eq!(st.income_fen, 300_001);
    assert_eq!(st.spending_fen, 500_000 + 12_345 + 2_787_706);
    assert_eq!(st.closing_fen, 0);
    assert_eq!(st.entries.len(), 4);
    let unit = st
        .by_partner
        .iter()
        .find(|l| l.id == Some(fx.unit))
        .unwrap();
    assert_eq!(
        (unit.label.as_str(), unit.in_fen, unit.out_fen),
        ("青石供电所", 0, 500_000)
    );
    let anonymous = st.by_partner.iter().find(|l| l.id.is_none()).unwrap();
    assert_eq!(
        (anonymous.in_fen, anonymous.out_fen),
        (300_001, 12_345 + 2_787_706)
    );
    let home = st
        .by_household
        .iter()
        .find(|l| l.id == Some(fx.household))
        .unwrap();
    assert_eq!(home.out_fen, 500_000 + 2_787_706);
    assert_eq!(home.label, "徐*平户 青石小区 3栋");
    let sum_in: i64 = st.by_partner.iter().map(|l| l.in_fen).sum();
    let sum_out: i64 = st.by_household.iter().map(|l| l.out_fen).sum();
    assert_eq!((sum_in, sum_out), (st.income_fen, st.spending_fen));
    let text = register::statement_text("青石社区", &st);
    assert!(text.contains("期初余额：30,000.50 元"), "{text}");
    assert!(text.contains("本期收入：3,000.01 元"), "{text}");
    assert!(
        text.contains("徐*平户 青石小区 3栋：32,877.06 元"),
        "{text}"
    );
    assert!(!text.contains("徐小平"), "{text}");
}

#[test]
fn the_money_code_has_no_floating_point() {
    let sources = [
        include_str!("../src/register/ledger.rs"),
        include_str!("../src/register/statement.rs"),
        include_str!("../src/register/plan.rs"),
        include_str!("../src/register/pledges.rs"),
        include_str!("../src/register/partners.rs"),
        include_str!("../src/register/duplicates.rs"),
    ];
    for src in sources {
        assert!(!src.contains("f64") && !src.contains("f32"));
    }
}

#[test]
fn pledges_fall_due_by_period_until_delivered() {
    let fx = fixture();
    let s = &fx.t.store;
    to_published(&fx);
    let a = on("2026-03-18");
    let mut p = money(fx.bank, fx.household, 10_000, "2029-03-09", "助学");
    p.made = day("2026-03-18");
    let money_pledge = apply_ok(s, reg(R::Claim(p)), &a).id;
    let chair = apply_ok(
        s,
        reg(R::Claim(item(fx.unit, fx.household, "轮椅", "wheelchair"))),
        &a,
    )
    .id;
    let due = pledges_due(s, day("2027-03-18")).unwrap();
    assert_eq!(due.len(), 2);
    let money_due = due.iter().find(|d| d.pledge == money_pledge).unwrap();
    assert_eq!(
        (money_due.amount_fen, money_due.since),
        (2_000_000, day("2026-03-18"))
    );
    let chair_due = due.iter().find(|d| d.pledge == chair).unwrap();
    assert_eq!(
        (chair_due.item.as_deref(), chair_due.amount_fen),
        (Some("轮椅"), 0)
    );

    let deliver = |pledge: Id, date: &str, fen: i64, reference: &str| {
        reg(R::Deliver {
            pledge,
            delivery: Delivery {
                date: day(date),
                amount_fen: fen,
                reference: reference.into(),
                note: String::new(),
            },
        })
    };
    let late = on("2028-04-01");
    let err = apply_err(
        s,
        deliver(money_pledge, "2026-03-20", 1_000_000, " "),
        &late,
    );
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "reference"),
        "{err}"
    );
    let err = apply_err(
        s,
        deliver(money_pledge, "2028-04-02", 1_000_000, "转账 1"),
        &late,
    );
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    apply_ok(
        s,
        deliver(money_pledge, "2026-03-20", 1_000_000, "转账 2026-001"),
        &late,
    );
    apply_ok(s, deliver(chair, "2026-03-25", 0, "交接单 7"), &late);
    let due = pledges_due(s, day("2028-03-18")).unwrap();
    assert_eq!(due.len(), 1, "the wheelchair is delivered");
    assert_eq!(
        (due[0].amount_fen, due[0].since),
        (2_000_000, day("2027-03-18"))
    );
    // Three instalments in all (2026, 2027, 2028); more than that is refused.
    let err = apply_err(
        s,
        deliver(money_pledge, "2028-03-20", 2_000_001, "转账 x"),
        &late,
    );
    assert!(
        matches!(err, Error::Invalid { ref reason, .. } if reason.to_string().contains("30,000.00")),
        "{err}"
    );
    apply_ok(
        s,
        deliver(money_pledge, "2028-03-20", 2_000_000, "转账 2028-002"),
        &late,
    );
    assert_eq!(
        s.require::<Pledge>(money_pledge).unwrap().status,
        PledgeStatus::Fulfilled
    );
    assert!(pledges_due(s, day("2029-12-31")).unwrap().is_empty());
    let err = apply_err(s, deliver(chair, "2028-03-20", 0, "again"), &late);
    assert!(transition(&err).contains("fulfilled"), "{err}");

    let c = register::contributions(s).unwrap();
    let bank = c.iter().find(|c| c.partner == fx.bank).unwrap();
    assert_eq!(
        (bank.delivered_fen, bank.pledges, bank.households.clone()),
        (3_000_000, 1, vec![fx.household])
    );
    let unit = c.iter().find(|c| c.partner == fx.unit).unwrap();
    assert_eq!((unit.items_delivered, unit.active_pledges), (1, 0));
}

#[test]
fn help_twice_for_the_same_need_from_different_partners_is_warned() {
    let fx = fixture();
    let s = &fx.t.store;
    to_published(&fx);
    let a = on("2026-03-18");
    apply_ok(
        s,
        reg(R::Claim(item(fx.unit, fx.household, "轮椅", "wheelchair"))),
        &a,
    );
    apply_ok(
        s,
        reg(R::Claim(item(fx.unit, fx.household, "坐垫", "Wheelchair "))),
        &a,
    );
    assert!(
        duplicate_help(s).unwrap().is_empty(),
        "one partner twice is not double help"
    );
    let second = apply_ok(
        s,
        reg(R::Claim(item(fx.bank, fx.household, "轮椅", "wheelchair"))),
        &a,
    )
    .id;
    let w = duplicate_help(s).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0].household, w[0].need.as_str(), w[0].sources.len()),
        (fx.household, "wheelchair", 3)
    );
    let cancel = R::EndPledge {
        pledge: second,
        to: PledgeStatus::Cancelled,
        reason: "已由供电所认领".into(),
    };
    apply_ok(s, reg(cancel), &a);
    assert!(duplicate_help(s).unwrap().is_empty());
    // The fund's own money counts as a helper too.
    apply_ok(
        s,
        fund("2026-03-01", 100_000, Direction::In, Some(fx.bank), None),
        &a,
    );
    apply_ok(
        s,
        reg(R::Claim(money(
            fx.bank,
            fx.household,
            500,
            "2027-03-09",
            "助学",
        ))),
        &a,
    );
    apply_ok(
        s,
        fund(
            "2026-03-18",
            50_000,
            Direction::Out,
            None,
            Some(fx.household),
        ),
        &a,
    );
    let w = duplicate_help(s).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].need, Need::Education);
    assert!(
        w[0].sources
            .iter()
            .any(|x| x.partner.is_none() && x.fund_entry.is_some())
    );
}

#[test]
fn visits_are_kept_per_household() {
    let fx = fixture();
    let s = &fx.t.store;
    let v = |date: &str, household: Id| Visit {
        id: 0,
        date: day(date),
        household,
        by: String::new(),
        findings: "轮椅已损坏，需更换".into(),
    };
    apply_ok(
        s,
        reg(R::SaveVisit(v("2026-03-09", fx.household))),
        &clerk(),
    );
    // A visit on a day not yet come: the date rule, worded by the app in one sentence.
    assert!(matches!(
        apply_err(
            s,
            reg(R::SaveVisit(v("2026-03-11", fx.household))),
            &clerk()
        ),
        Error::Date(qiaomen_core::dates::DateRule::RecordOnFutureDay { .. })
    ));
    assert!(matches!(
        apply_err(s, reg(R::SaveVisit(v("2026-03-09", 999))), &clerk()),
        Error::NotFound { .. }
    ));
    let file = household_file(s, fx.household).unwrap();
    assert_eq!(file.visits.len(), 1);
    assert_eq!(
        file.visits[0].by, "柳青禾",
        "an empty visitor is the operator"
    );
}

#[test]
fn meeting_decisions_are_followed_until_done() {
    let t = town();
    let s = &t.store;
    let a = clerk();
    let decision = |text: &str, due: Option<&str>| Decision {
        text: text.into(),
        owner: "贺明远".into(),
        due: due.map(day),
        done: None,
    };
    let mut m = Meeting {
        id: 0,
        date: day("2026-03-01"),
        kind: MeetingKind::JointMeeting,
        title: "三月党建联席会议".into(),
        attendees: vec![
            qiaomen_core::model::Attendee::Guest("青石供电所".into()),
            qiaomen_core::model::Attendee::Guest("物业公司".into()),
        ],
        topics: vec!["围墙越界纠纷".into()],
        decisions: vec![
            decision("测量边界", Some("2026-03-05")),
            decision("回访业主", None),
        ],
    };
    let err = apply_err(s, reg(R::SaveMeeting(m.clone())), &a);
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "decisions.due"),
        "{err}"
    );
    m.decisions[1].due = Some(day("2026-03-20"));
    let id = apply_ok(s, reg(R::SaveMeeting(m)), &a).id;
    let open = open_decisions(s, day("2026-03-10")).unwrap();
    let flags: Vec<(usize, bool)> = open.iter().map(|o| (o.index, o.overdue)).collect();
    assert_eq!(flags, vec![(0, true), (1, false)]);
    let done = |decision: usize| {
        reg(R::DecisionDone {
            meeting: id,
            decision,
        })
    };
    apply_ok(s, done(0), &a);
    assert!(matches!(
        apply_err(s, done(0), &a),
        Error::InvalidTransition { .. }
    ));
    assert!(matches!(apply_err(s, done(5), &a), Error::Invalid { .. }));
    let open = open_decisions(s, day("2026-03-21")).unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].overdue);
    let m = s.require::<Meeting>(id).unwrap();
    assert_eq!(m.decisions[0].done, Some(day("2026-03-10")));
}
