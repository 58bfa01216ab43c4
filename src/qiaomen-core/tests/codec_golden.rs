//! The stored bytes of every type are pinned: a sample encoded with the current format version
//! equals the committed golden, and the golden decodes back to the sample. bincode is not
//! self-describing, so an innocent-looking field reorder would otherwise make every existing
//! database unreadable (or, worse, read as different values).

mod common;

use std::fmt::Debug;
use std::path::Path;

use common::{golden, samples};
use qiaomen_core::Command;
use qiaomen_core::model::{Departure, LeaveReason, Resident};
use qiaomen_core::outreach::OutreachCommand;
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::register::RegisterCommand;
use qiaomen_core::store::Entity;

fn entity_golden<T: Entity + PartialEq + Debug>(name: &str, sample: &T) {
    let bytes = sample.encode();
    assert_eq!(bytes[0], T::VERSION, "the first byte is the format version");
    let pinned = golden::check(name, T::VERSION, &bytes);
    assert_eq!(&T::decode(&pinned).expect("the golden decodes"), sample);
    for (v, old) in golden::older(name, T::VERSION) {
        T::decode(&old).unwrap_or_else(|e| panic!("{name} v{v} golden no longer decodes: {e}"));
    }
}

#[test]
fn grid() {
    entity_golden("grid", &samples::grid());
}

#[test]
fn member() {
    entity_golden("member", &samples::member());
}

#[test]
fn household() {
    entity_golden("household", &samples::household());
}

#[test]
fn resident() {
    // Version 2 pins a departure; version 1 (no `left`) still reads, as not having left.
    let mut r = samples::resident();
    r.left = Some(Box::new(qiaomen_core::model::Departure {
        date: common::day("2026-11-30"),
        reason: qiaomen_core::model::LeaveReason::Moved,
        note: "随子女迁往外地".into(),
    }));
    // Version 3 pins the care plan's doorbell device; version 2 reads without one.
    r.care.as_mut().unwrap().doorbell_device = Some("DB-0012".into());
    entity_golden("resident", &r);
    let v2 = golden::from_hex(
        &std::fs::read_to_string(golden::path("resident", 2)).expect("the v2 golden"),
    );
    let mut without = r.clone();
    without.care.as_mut().unwrap().doorbell_device = None;
    assert_eq!(
        qiaomen_core::model::Resident::decode(&v2).expect("v2 decodes"),
        without
    );
    let v1 = golden::from_hex(
        &std::fs::read_to_string(golden::path("resident", 1)).expect("the v1 golden"),
    );
    assert_eq!(
        qiaomen_core::model::Resident::decode(&v1).expect("v1 decodes"),
        samples::resident()
    );
}

#[test]
fn cadence_and_campaign() {
    entity_golden("cadence", &qiaomen_core::cadence::Cadence::default());
    entity_golden("campaign", &campaign());
}

fn campaign() -> qiaomen_core::cadence::Campaign {
    qiaomen_core::cadence::Campaign {
        id: 3,
        name: "春节走访".into(),
        from: common::day("2027-01-25"),
        to: common::day("2027-02-10"),
        tiers: vec![
            qiaomen_core::cadence::Tier::High,
            qiaomen_core::cadence::Tier::Key,
        ],
        note: "困难户和重点老人".into(),
    }
}

/// Issue 16: a team, a service, a service plan and a support record (version 1 each).
#[test]
fn care_records() {
    entity_golden("team", &team());
    entity_golden("service", &service());
    entity_golden("service_plan", &service_plan());
    entity_golden("support", &support());
}

fn team() -> qiaomen_core::care::Team {
    use qiaomen_core::care::{Person, Team, TeamKind};
    Team {
        id: 2,
        name: "银杏志愿队".into(),
        kind: TeamKind::Residents,
        members: vec![Person::Resident(12), Person::Member(3)],
        leader: Some(Person::Resident(12)),
        note: "每周六上午".into(),
    }
}

fn service() -> qiaomen_core::care::Service {
    use qiaomen_core::care::{Person, Provider, Service, ServiceKind, Whom};
    Service {
        id: 9,
        date: common::day("2026-11-28"),
        whom: Whom::Household(5),
        kind: ServiceKind::Cleaning,
        by: Provider::Team(2),
        helpers: vec![Person::Resident(12)],
        minutes: 90,
        note: "擦窗、拖地".into(),
    }
}

fn service_plan() -> qiaomen_core::care::ServicePlan {
    use qiaomen_core::care::{Provider, ServiceKind, ServicePlan, Whom};
    ServicePlan {
        id: 4,
        whom: Whom::Resident(7),
        kind: ServiceKind::HealthCheck,
        by: Provider::Partner(1),
        every_days: 30,
        from: common::day("2026-11-01"),
        ended: Some(common::day("2027-10-31")),
        note: "上门量血压".into(),
    }
}

fn support() -> qiaomen_core::care::Support {
    use qiaomen_core::care::{Ended, Support, Whom};
    Support {
        id: 6,
        whom: Whom::Resident(21),
        kind: qiaomen_core::model::Category::LeftBehindChild,
        carers: vec![3, 4],
        every_days: Some(14),
        family: "父母在深圳务工，随祖母生活".into(),
        difficulties: "功课无人辅导".into(),
        help_wanted: "课后辅导、心理陪伴".into(),
        from: common::day("2026-09-01"),
        ended: Some(Ended {
            date: common::day("2027-06-30"),
            reason: "父母返乡".into(),
        }),
    }
}

#[test]
fn activity_goods_and_duty() {
    entity_golden("activity", &activity());
    entity_golden("goods", &goods());
    entity_golden("duty", &duty());
}

fn activity() -> qiaomen_core::model::Activity {
    qiaomen_core::model::Activity {
        id: 4,
        partner: 10,
        kind: qiaomen_core::model::ActivityKind::HealthCheck,
        date: common::day("2026-11-05"),
        people: 18,
        grid: Some(4),
        note: "上门体检".into(),
    }
}

fn goods() -> qiaomen_core::model::Goods {
    qiaomen_core::model::Goods {
        id: 2,
        partner: 9,
        date: common::day("2026-11-25"),
        what: "图书".into(),
        quantity: 60,
        unit: "册".into(),
        value_fen: 180_000,
        household: Some(5),
        note: "图书角".into(),
    }
}

fn duty() -> qiaomen_core::model::Duty {
    qiaomen_core::model::Duty {
        id: 1,
        partner: 10,
        side: qiaomen_core::model::Side::Partner,
        what: "每月一次社区义诊".into(),
        due: Some(common::day("2026-02-15")),
        every: Some(qiaomen_core::model::Period::Month),
        done: vec![common::day("2026-10-15"), common::day("2026-11-05")],
        note: "协议第三条".into(),
    }
}

#[test]
fn case() {
    // Version 2 (issue 16) pins a level, organisations, a paired steward, the petition's start
    // and every new event kind; version 1 still reads, held by the community as its status is
    // escalated (the sample's level).
    entity_golden("case", &case_v2());
    let v1 =
        golden::from_hex(&std::fs::read_to_string(golden::path("case", 1)).expect("the v1 golden"));
    assert_eq!(
        qiaomen_core::model::Case::decode(&v1).expect("v1 decodes"),
        samples::case()
    );
}

#[test]
fn org() {
    entity_golden("org", &sample_org());
}

fn sample_org() -> qiaomen_core::model::Org {
    qiaomen_core::model::Org {
        id: 5,
        name: "顺和物业服务中心".into(),
        kind: qiaomen_core::model::OrgKind::PropertyCompany,
        contacts: vec![qiaomen_core::model::OrgContact {
            name: "邱建平".into(),
            phone: "073185216630".into(),
        }],
        note: "物业服务企业".into(),
    }
}

/// The sample case as a petition of format 2: handed up and back, with organisations, a
/// paired steward, contacts and the petitioner's statement.
fn case_v2() -> qiaomen_core::model::Case {
    use qiaomen_core::model::{CaseEvent, ContactHow, EventKind, Level, Party};
    let mut c = samples::case();
    c.kind = qiaomen_core::model::CaseKind::Petition;
    c.level = Level::Subdistrict;
    c.orgs = vec![5, 6];
    c.paired = Some(9);
    c.since = Some(common::day("2012-03-01"));
    let ev = |kind| CaseEvent {
        date: common::day("2026-03-04"),
        time: common::time("10:00"),
        by: "贺明远".into(),
        kind,
    };
    c.events.extend([
        ev(EventKind::Escalated {
            from: Level::Grid,
            to: Level::Community,
            reason: "网格协调不下".into(),
        }),
        ev(EventKind::Returned {
            from: Level::Community,
            to: Level::Grid,
            reason: "交回网格跟进".into(),
        }),
        ev(EventKind::Contact {
            on: common::day("2026-03-04"),
            who: "贺明远".into(),
            how: ContactHow::Accompany,
            note: "陪同到街道接访".into(),
        }),
        ev(EventKind::Statement {
            on: common::day("2026-03-04"),
            text: "问题已解决，不再信访".into(),
        }),
        ev(EventKind::Paired {
            member: Some(9),
            name: "贺明远".into(),
        }),
        ev(EventKind::Since {
            since: common::day("2012-03-01"),
        }),
        ev(EventKind::Party {
            party: Party::Org(5),
            name: "顺和物业服务中心".into(),
            added: true,
        }),
    ]);
    c
}

#[test]
fn partner() {
    entity_golden("partner", &samples::partner());
}

#[test]
fn pledge_with_money_and_with_an_item() {
    entity_golden("pledge", &samples::pledge_money());
    entity_golden("pledge-item", &samples::pledge_item());
}

#[test]
fn fund() {
    entity_golden("fund", &samples::fund());
}

#[test]
fn meeting() {
    // Version 2 (issue 16's gaps) pins attendees as references: a resident, an organisation, a
    // member and a guest; version 1 held names, which read as guests.
    use qiaomen_core::model::Attendee;
    let mut m = samples::meeting();
    m.attendees = vec![
        Attendee::Resident(12),
        Attendee::Org(5),
        Attendee::Member(3),
        Attendee::Guest("业委会".into()),
    ];
    entity_golden("meeting", &m);
    let v1 = golden::from_hex(
        &std::fs::read_to_string(golden::path("meeting", 1)).expect("the v1 golden"),
    );
    assert_eq!(
        qiaomen_core::model::Meeting::decode(&v1).expect("v1 decodes"),
        samples::meeting()
    );
}

#[test]
fn visit() {
    entity_golden("visit", &samples::visit());
}

#[test]
fn notice() {
    entity_golden("notice", &samples::notice());
}

#[test]
fn audit() {
    entity_golden("audit", &samples::audit());
}

/// Reads one raw value from a closed database directory.
fn raw_get(dir: &Path, tree: &str, key: &[u8]) -> Option<Vec<u8>> {
    let db = common::raw_open(dir);
    let value = db.open_tree(tree).expect("tree").get(key).expect("get");
    value.map(|v| v.to_vec())
}

/// Writes raw values into a database directory that no store has open.
fn raw_put(dir: &Path, puts: &[(&str, &[u8], &[u8])]) {
    let db = common::raw_open(dir);
    for (tree, key, value) in puts {
        db.open_tree(tree)
            .expect("tree")
            .insert(*key, *value)
            .expect("insert");
    }
    db.flush().expect("flush");
}

/// The community lives in the meta tree; it is written and read through the store itself.
#[test]
fn community_through_the_store() {
    let sample = samples::community();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = common::reopen(dir.path());
    store
        .apply(Command::Configure(sample.clone()), &common::clerk())
        .expect("configure");
    drop(store);
    let bytes = raw_get(dir.path(), "meta", b"community").expect("stored community");
    assert_eq!(bytes[0], 2);
    let pinned = golden::check("community", 2, &bytes);

    let fresh = tempfile::tempdir().expect("tempdir");
    raw_put(fresh.path(), &[("meta", b"community", &pinned)]);
    let store = common::read_store(fresh.path());
    assert_eq!(store.community().expect("community"), sample);

    // Version 1 (before the ladder) reads with the default ladder, its one retry count as
    // every level's phone tries.
    let v1 = golden::from_hex(
        &std::fs::read_to_string(golden::path("community", 1)).expect("the v1 golden"),
    );
    let fresh = tempfile::tempdir().expect("tempdir");
    raw_put(fresh.path(), &[("meta", b"community", &v1)]);
    let store = common::read_store(fresh.path());
    let mut expected = sample;
    expected.ladder = qiaomen_core::model::Ladder::with_retries(expected.retries);
    assert_ne!(
        expected.retries, 3,
        "the sample's retries differ from the default's"
    );
    assert!(
        expected
            .ladder
            .levels
            .iter()
            .all(|l| l.retries == expected.retries)
    );
    assert_eq!(store.community().expect("community v1"), expected);
}

/// A check-in made today is a loose mark: key `date ++ elder ++ seq` (big-endian, the date as
/// its Julian day), a small value of its own. Once its day has closed it is folded into the
/// day's packed value under the key `date` (format 2: zstd-compressed). Format 1 (bincode
/// alone, schema 1) must still read.
#[test]
fn checkin_through_the_store() {
    let sample = samples::checkin();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = common::reopen(dir.path());
    let a = common::clerk();
    let grid = store
        .apply(Command::SaveGrid(common::new_grid("G1", "第一网格")), &a)
        .expect("grid")
        .id;
    let elder = store
        .apply(
            Command::SaveResident(common::new_elder("石秋云", grid, 1, "2026-01-01")),
            &a,
        )
        .expect("elder")
        .id;
    assert_eq!(elder, sample.elder);
    // Made when it happened: a check-in on a day not yet come is refused.
    let when = common::at(&sample.date.to_string(), &sample.time.to_string());
    let applied = store
        .apply(
            Command::CheckIn(sample.clone()),
            &common::actor(&a.operator, when),
        )
        .expect("check-in");
    assert_eq!(applied.checkin, Some(sample.key()));
    drop(store);

    // 2026-11-30 is Julian day 2_461_375 = 0x0025_8ebf.
    let day_key: &[u8] = &[0x00, 0x25, 0x8e, 0xbf];
    assert_eq!(sample.date.julian(), 2_461_375);
    let mut mark_key = day_key.to_vec();
    mark_key.extend(sample.elder.to_be_bytes());
    mark_key.extend(sample.seq.to_be_bytes());
    assert!(
        raw_get(dir.path(), "checkins", day_key).is_none(),
        "no pack yet"
    );
    let mark = raw_get(dir.path(), "checkins", &mark_key).expect("the loose mark");
    assert_eq!(mark[0], 2);
    let pinned_mark = golden::check("checkin", 2, &mark);

    // Two days later the day is folded: one packed value, the mark gone.
    let store = common::reopen(dir.path());
    let later = common::at("2026-12-02", "08:00");
    assert_eq!(store.fold_closed_days(later).expect("fold"), 1);
    drop(store);
    assert!(raw_get(dir.path(), "checkins", &mark_key).is_none());
    let pack = raw_get(dir.path(), "checkins", day_key).expect("the packed day");
    assert_eq!(pack[0], 3);
    let pinned_pack = golden::check("checkin_day", 3, &pack);

    // Formats before the ladder (mark 1, packs 1 and 2) are kept and still read.
    let older_days = golden::older("checkin_day", 3);
    assert_eq!(older_days.len(), 2, "formats 1 and 2 are kept");
    let older_marks = golden::older("checkin", 2);
    assert_eq!(older_marks.len(), 1, "mark format 1 is kept");
    let mut all = vec![
        ("mark v2", mark_key.as_slice(), pinned_mark),
        ("mark v1", mark_key.as_slice(), older_marks[0].1.clone()),
        ("pack v3", day_key, pinned_pack),
    ];
    for (v, bytes) in older_days {
        all.push((if v == 1 { "pack v1" } else { "pack v2" }, day_key, bytes));
    }
    for (mark_or_day, key, bytes) in all {
        let fresh = tempfile::tempdir().expect("tempdir");
        raw_put(fresh.path(), &[("checkins", key, &bytes)]);
        let store = common::read_store(fresh.path());
        assert_eq!(
            store.checkins_on(sample.date).expect("day"),
            vec![sample.clone()],
            "{mark_or_day}"
        );
        assert_eq!(
            store
                .checkins_of(sample.elder, sample.date, sample.date)
                .expect("history"),
            vec![sample.clone()],
            "{mark_or_day}"
        );
    }
}

/// The values of the kept indexes (`store/kept`): each kind of dated entry. (The `heads`
/// entries of schemas 2 to 6 are deleted unread by the migration to schema 7.)
#[test]
fn kept_index_values() {
    use qiaomen_core::model::{CaseKind, Direction, MeetingKind};
    use qiaomen_core::store::{Dated, KEPT_VERSION};
    let dated = [
        (
            "kept-dated-meeting",
            Dated::Meeting(MeetingKind::JointMeeting),
        ),
        ("kept-dated-visit", Dated::Visit { household: 7 }),
        (
            "kept-dated-fund",
            Dated::Fund {
                direction: Direction::Out,
                amount_fen: 123_456,
            },
        ),
        (
            "kept-dated-case",
            Dated::Case {
                kind: CaseKind::Dispute,
                grid: 3,
                opened: true,
                session: false,
                settled: true,
            },
        ),
        ("kept-dated-file", Dated::File { grid: 12 }),
    ];
    for (name, value) in dated {
        let pinned = golden::check(name, KEPT_VERSION, &value.encode());
        assert_eq!(Dated::decode(&pinned).expect("the golden decodes"), value);
    }
}

/// A day of services (`service_days`, schema 8): what the care figures read of each.
#[test]
fn kept_service_day() {
    use qiaomen_core::care::{Person, Provider, ServiceKind, Whom};
    use qiaomen_core::store::{
        SERVICE_DAYS_VERSION, ServiceFact, decode_service_day, encode_service_day,
    };
    let day = vec![
        ServiceFact {
            id: 4,
            whom: Whom::Resident(12),
            kind: ServiceKind::Cleaning,
            by: Provider::Team(2),
            helpers: vec![Person::Member(3), Person::Resident(40)],
            minutes: 90,
        },
        ServiceFact {
            id: 9,
            whom: Whom::Household(7),
            kind: ServiceKind::HealthCheck,
            by: Provider::Member(5),
            helpers: Vec::new(),
            minutes: 0,
        },
    ];
    let pinned = golden::check(
        "kept-service-day",
        SERVICE_DAYS_VERSION,
        &encode_service_day(&day),
    );
    assert_eq!(
        decode_service_day(&pinned).expect("the golden decodes"),
        day
    );
}

/// An elder's entry in the elders index (schema 3): the household's address and the
/// resident's own stored bytes, which read back as the resident.
#[test]
fn kept_elder_entry() {
    use qiaomen_core::model::Address;
    use qiaomen_core::store::{ElderEntry, KEPT_VERSION};
    let resident = samples::resident();
    let entry = ElderEntry {
        address: Address {
            building: "3".into(),
            unit: "2".into(),
            room: "501".into(),
            text: "顺安小区".into(),
        },
        resident: resident.encode(),
    };
    let bytes = entry.encode();
    assert_eq!(bytes[0], KEPT_VERSION);
    let pinned = golden::check("kept-elder", KEPT_VERSION, &bytes);
    let back = ElderEntry::decode(&pinned).expect("the golden decodes");
    assert_eq!(back, entry);
    let mut trailing = pinned.clone();
    trailing.push(0);
    assert!(ElderEntry::decode(&trailing).is_err(), "trailing bytes");
    assert!(
        ElderEntry::decode(&pinned[..pinned.len() - 1]).is_err(),
        "cut short"
    );
    assert_eq!(back.resident().expect("the resident decodes"), resident);
}

/// A closed day's kept figure (`store/day_figures.rs`): elders reached (ids as delta varints),
/// then one not reached, one away until a date, one away with no end, one reached whose last
/// attempt is an away.
#[test]
fn kept_day_figure() {
    use qiaomen_core::day::Date;
    use qiaomen_core::store::day_figures::{Carry, DayFigure, Status, VERSION};
    let until = Date::parse("2026-12-05").expect("date");
    let figure = DayFigure {
        plain: vec![3, 200, 201, 70_000],
        other: vec![
            (5, Status::NotReached, Carry::NotAway),
            (9, Status::Away, Carry::Away(Some(until))),
            (300, Status::Away, Carry::Away(None)),
            (301, Status::Reached, Carry::Away(None)),
        ],
    };
    let bytes = figure.encode();
    assert_eq!(bytes[0], VERSION);
    let pinned = golden::check("kept-day-figure", VERSION, &bytes);
    assert_eq!(
        DayFigure::decode(&pinned).expect("the golden decodes"),
        figure
    );
}

/// An elder's kept last contact (schema 4, `store/last_contact.rs`): the last check-in of the
/// latest day and of the day before it, each as its day, attempt and loose-mark bytes.
#[test]
fn kept_last_contact() {
    use qiaomen_core::day::Date;
    use qiaomen_core::model::Outcome;
    use qiaomen_core::store::{LAST_CONTACT_VERSION, LastContact};
    let before = samples::checkin();
    let mut last = before.clone();
    last.date = Date::parse("2026-12-01").expect("date");
    last.seq = 2;
    last.outcome = Outcome::Ok;
    last.away_until = None;
    last.note = String::new();
    let entry = LastContact {
        last,
        before: Some(before),
    };
    let bytes = entry.encode();
    assert_eq!(bytes[0], LAST_CONTACT_VERSION);
    let pinned = golden::check("kept-last-contact", LAST_CONTACT_VERSION, &bytes);
    assert_eq!(
        LastContact::decode(1, &pinned).expect("the golden decodes"),
        entry
    );
}

/// A household's kept visit home (schema 4, `visit_homes`): what its visit tier is decided
/// from.
#[test]
fn kept_visit_home() {
    use qiaomen_core::cadence::VisitHome;
    use qiaomen_core::store::KEPT_VERSION;
    let home = VisitHome {
        id: 41,
        grid: 2,
        members: vec![101, 102, 70_000],
        categories: true,
        open_needs: false,
    };
    let bytes = home.encode();
    assert_eq!(bytes[0], KEPT_VERSION);
    let pinned = golden::check("kept-visit-home", KEPT_VERSION, &bytes);
    assert_eq!(
        VisitHome::decode(&pinned).expect("the golden decodes"),
        home
    );
}

/// Guards the samples themselves: they must be values the store would accept, so the goldens
/// show real records.
#[test]
fn samples_are_valid_records() {
    use qiaomen_core::Record;
    use qiaomen_core::validate::record;
    for mut r in [
        Record::Community(samples::community()),
        Record::Grid(samples::grid()),
        Record::Member(samples::member()),
        Record::Household(samples::household()),
        Record::Resident(samples::resident()),
        Record::Case(samples::case()),
        Record::Partner(samples::partner()),
        Record::Pledge(samples::pledge_money()),
        Record::Pledge(samples::pledge_item()),
        Record::Fund(samples::fund()),
        Record::Meeting(samples::meeting()),
        Record::Visit(samples::visit()),
        Record::Notice(samples::notice()),
        Record::Checkin(samples::checkin()),
    ] {
        let before = r.clone();
        record(&mut r).unwrap_or_else(|e| panic!("{} sample is invalid: {e}", r.kind()));
        assert_eq!(r, before, "validation changed the {} sample", r.kind());
    }
}

/// Journal entries are stored bytes too: a command, an import chunk (flagged, so opening finds
/// an unfinished import without decoding it) and an import's end, each pinned and read back.
#[test]
fn journal_entries_are_pinned() {
    use qiaomen_core::journal::{ENTRY_VERSION, Entry, Op};
    let now = common::at("2026-11-30", "09:40");
    let entry = |seq: u64, op: Op| Entry {
        seq,
        now,
        operator: "柳青禾".into(),
        os_user: "steward1".into(),
        op,
    };
    let cases = [
        (
            "journal-command",
            entry(
                7,
                Op::Command(Command::SaveGrid(common::new_grid("G1", "第一网格"))),
            ),
            false,
        ),
        (
            "journal-import-chunk",
            entry(
                8,
                Op::ImportChunk {
                    lines: vec![r#"{"type":"grid","id":2}"#.into()],
                },
            ),
            true,
        ),
        (
            "journal-import-end",
            entry(
                9,
                Op::ImportEnd {
                    summary: "import demo: grid 1".into(),
                    records: 1,
                    audit: true,
                },
            ),
            false,
        ),
        (
            "journal-fold",
            entry(
                10,
                Op::Fold {
                    before: common::day("2026-11-29"),
                },
            ),
            false,
        ),
        ("journal-migrate", entry(11, Op::Migrate { to: 2 }), false),
        // A resident inside a command: the stored resident's own changes must not make old
        // journals unreadable.
        (
            "journal-resident",
            entry(12, Op::Command(Command::SaveResident(samples::resident()))),
            false,
        ),
        // A claim carries a pledge (entry version 4 added its note; a version-3 claim reads
        // with none).
        (
            "journal-claim",
            entry(
                18,
                Op::Command(Command::Register(
                    qiaomen_core::register::RegisterCommand::Claim(samples::pledge_item()),
                )),
            ),
            false,
        ),
        // The people commands (entry version 3): their variants and fields are pinned, and so
        // is a resident who has left, inside a command.
        (
            "journal-resident-left",
            entry(13, Op::Command(Command::SaveResident(left()))),
            false,
        ),
        (
            "journal-people-add",
            entry(
                14,
                Op::Command(Command::People(PeopleCommand::AddResident(Box::new(
                    samples::resident(),
                )))),
            ),
            false,
        ),
        (
            "journal-people-move",
            entry(
                15,
                Op::Command(Command::People(PeopleCommand::Move {
                    resident: 7,
                    household: Some(3),
                    grid: Some(2),
                })),
            ),
            false,
        ),
        (
            "journal-people-household",
            entry(
                16,
                Op::Command(Command::People(PeopleCommand::SaveHousehold(
                    samples::household(),
                ))),
            ),
            false,
        ),
        // The ladder (entry version 4): a community with its ladder, a check-in naming a
        // contact, and a ladder step with its prefilled case.
        (
            "journal-configure",
            entry(18, Op::Command(Command::Configure(samples::community()))),
            false,
        ),
        (
            "journal-checkin",
            entry(19, Op::Command(Command::CheckIn(samples::checkin()))),
            false,
        ),
        (
            "journal-ladder-step",
            entry(
                20,
                Op::Command(Command::LadderStep {
                    checkin: qiaomen_core::model::CheckIn {
                        method: qiaomen_core::model::Method::Contact,
                        outcome: qiaomen_core::model::Outcome::NoAnswer,
                        contact: Some(2),
                        away_until: None,
                        ..samples::checkin()
                    },
                    case: qiaomen_core::NewCase {
                        kind: qiaomen_core::model::CaseKind::Assistance,
                        title: "石秋云（G1 第一网格）多次联系不上，请社工处置".into(),
                        grid: 1,
                        parties: vec!["石秋云".into(), "石磊".into()],
                        residents: vec![1],
                        opened: common::day("2026-11-30"),
                        follow_up: None,
                        note: "13:05 紧急联系人 2 石磊 未接通 柳青禾".into(),
                    },
                }),
            ),
            false,
        ),
        (
            "journal-people-leave",
            entry(
                17,
                Op::Command(Command::People(PeopleCommand::Leave {
                    resident: 7,
                    date: common::day("2026-12-02"),
                    reason: LeaveReason::Died,
                    note: "家属告知".into(),
                })),
            ),
            false,
        ),
        // Entry version 4: a doorbell device inside a resident, doorbell presses, the cadence
        // and a campaign.
        (
            "journal-resident-doorbell",
            entry(18, Op::Command(Command::SaveResident(with_doorbell()))),
            false,
        ),
        (
            "journal-doorbell",
            entry(
                19,
                Op::Command(Command::Doorbell(vec![qiaomen_core::doorbell::Press {
                    elder: 7,
                    date: common::day("2026-11-30"),
                    time: qiaomen_core::ClockTime::new(8, 3).unwrap(),
                    device: "DB-0012".into(),
                }])),
            ),
            false,
        ),
        (
            "journal-cadence",
            entry(
                20,
                Op::Command(Command::Register(RegisterCommand::SetCadence(
                    qiaomen_core::cadence::Cadence::default(),
                ))),
            ),
            false,
        ),
        (
            "journal-campaign",
            entry(
                21,
                Op::Command(Command::Register(RegisterCommand::SaveCampaign(campaign()))),
            ),
            false,
        ),
        // Entry version 5: the care commands (issue 16).
        (
            "journal-care-team",
            entry(
                22,
                Op::Command(Command::Care(qiaomen_core::care::CareCommand::SaveTeam(
                    team(),
                ))),
            ),
            false,
        ),
        (
            "journal-care-service",
            entry(
                23,
                Op::Command(Command::Care(qiaomen_core::care::CareCommand::AddService(
                    service(),
                ))),
            ),
            false,
        ),
        (
            "journal-care-support",
            entry(
                24,
                Op::Command(Command::Care(qiaomen_core::care::CareCommand::SaveSupport(
                    support(),
                ))),
            ),
            false,
        ),
        // Entry version 5: partners' activities, goods and duties (issue 16 point 3).
        (
            "journal-activity",
            entry(
                22,
                Op::Command(Command::Outreach(OutreachCommand::AddActivity(activity()))),
            ),
            false,
        ),
        (
            "journal-goods",
            entry(
                23,
                Op::Command(Command::Outreach(OutreachCommand::AddGoods(goods()))),
            ),
            false,
        ),
        (
            "journal-duty",
            entry(
                24,
                Op::Command(Command::Outreach(OutreachCommand::AddDuty(duty()))),
            ),
            false,
        ),
        // Entry version 6: a meeting inside a command, its attendees references; a version-5
        // meeting's attendee names read as guests.
        (
            "journal-meeting",
            entry(
                26,
                Op::Command(Command::Register(RegisterCommand::SaveMeeting(
                    samples::meeting(),
                ))),
            ),
            false,
        ),
        (
            "journal-duty-done",
            entry(
                25,
                Op::Command(Command::Outreach(OutreachCommand::DutyDone {
                    duty: 1,
                    date: common::day("2026-11-30"),
                })),
            ),
            false,
        ),
    ];
    // Entry version 5 (issue 16): the case work of helper `cases`.
    let cases = cases.into_iter().chain([(
        "journal-casework",
        entry(
            20,
            Op::Command(Command::CaseWork(
                qiaomen_core::casework::CaseWorkCommand::Escalate {
                    case: 42,
                    to: qiaomen_core::model::Level::Community,
                    reason: "网格协调不下".into(),
                },
            )),
        ),
        false,
    )]);
    for (name, value, chunk) in cases {
        let bytes = value.encode();
        assert_eq!(bytes[0], ENTRY_VERSION);
        assert_eq!(Entry::payload_is_import_chunk(&bytes), chunk, "{name}");
        let pinned = golden::check(name, ENTRY_VERSION, &bytes);
        assert_eq!(Entry::decode(&pinned).expect(name), value, "{name}");
        // Trailing bytes are refused, like the store's values.
        let mut longer = pinned.clone();
        longer.push(0);
        assert!(
            Entry::decode(&longer).is_err(),
            "{name} with a trailing byte"
        );
        // Journals written before `Fold` and `Migrate` existed still read; so do a community
        // and a check-in of version 3, before the ladder (read with the default ladder and
        // the community's retries as each level's tries, and no contact nor case).
        // Version 4 (before the care commands) holds the same types as version 5; version 5
        // differs from 6 only in a meeting's attendees (names, read as guests).
        for (v, old) in golden::older(name, ENTRY_VERSION) {
            let mut expected = value.clone();
            if v < 4
                && let Op::Command(Command::Configure(c)) = &mut expected.op
            {
                c.ladder = qiaomen_core::model::Ladder::with_retries(c.retries);
            }
            assert_eq!(Entry::decode(&old).expect(name), expected, "{name} v{v}");
        }
    }
}

/// The sample resident with a doorbell device.
fn with_doorbell() -> Resident {
    let mut r = samples::resident();
    r.care.as_mut().unwrap().doorbell_device = Some("DB-0012".into());
    r
}

/// The sample resident, who left on 2026-12-02.
fn left() -> Resident {
    Resident {
        left: Some(Box::new(Departure {
            date: common::day("2026-12-02"),
            reason: LeaveReason::Moved,
            note: "随女儿迁往外地".into(),
        })),
        ..samples::resident()
    }
}

/// A block of the household list's kept rows (`household_rows`, schema 5).
#[test]
fn household_rows_block() {
    use qiaomen_core::model::FileStatus;
    use qiaomen_core::store::{
        HouseholdRow, HouseholdRowView, ROWS_VERSION, decode_household_row_views,
        decode_household_rows, encode_household_rows,
    };
    let rows = vec![
        HouseholdRow {
            id: 128,
            status: Some(FileStatus::Registered),
            grid: 3,
            head: "王秀芳".into(),
            address: "顺和小区 3-2-501".into(),
            needs: "轮椅".into(),
        },
        HouseholdRow {
            id: 130,
            status: None,
            grid: 4,
            head: String::new(),
            address: "桂园小区 9栋".into(),
            needs: String::new(),
        },
    ];
    let bytes = encode_household_rows(&rows);
    assert_eq!(bytes[0], ROWS_VERSION);
    let pinned = golden::check("household-rows", ROWS_VERSION, &bytes);
    assert_eq!(
        decode_household_rows(&pinned).expect("the golden decodes"),
        rows
    );
    // The rows read in place (what `household list` prints) from the same bytes.
    let views: Vec<HouseholdRowView<'_>> = rows
        .iter()
        .map(|r| HouseholdRowView {
            id: r.id,
            status: r.status,
            grid: r.grid,
            head: &r.head,
            address: &r.address,
            needs: &r.needs,
        })
        .collect();
    assert_eq!(
        decode_household_row_views(&pinned).expect("the golden decodes in place"),
        views
    );
    let mut trailing = pinned.clone();
    trailing.push(0);
    assert!(
        decode_household_row_views(&trailing).is_err(),
        "trailing bytes"
    );
}

/// A block of memberships (`member_of`, schema 7): (resident, household) pairs in order.
#[test]
fn memberships_block() {
    use qiaomen_core::store::{MEMBERSHIPS_VERSION, decode_memberships, encode_memberships};
    let pairs = vec![(128, 40), (128, 300_001), (191, 41)];
    let bytes = encode_memberships(&pairs);
    assert_eq!(bytes[0], MEMBERSHIPS_VERSION);
    let pinned = golden::check("memberships", MEMBERSHIPS_VERSION, &bytes);
    assert_eq!(
        decode_memberships(&pinned).expect("the golden decodes"),
        pairs
    );
    let mut trailing = pinned.clone();
    trailing.push(0);
    assert!(decode_memberships(&trailing).is_err(), "trailing bytes");
    let mut newer = pinned;
    newer[0] = MEMBERSHIPS_VERSION + 1;
    assert!(decode_memberships(&newer).is_err(), "a newer format");
}

/// A block of records (`residents` and `households`, schema 9): each record's own stored
/// bytes (its version byte first) under its id, sixteen ids to a block.
#[test]
fn record_block() {
    use qiaomen_core::store::blocks::{BLOCK_VERSION, encode, parse};
    let (a, b) = (samples::resident(), samples::household());
    let (ra, rb) = (a.encode(), b.encode());
    let bytes = encode(&[(32, ra.as_slice()), (47, rb.as_slice())]);
    assert_eq!(bytes[0], BLOCK_VERSION);
    let pinned = golden::check("record-block", BLOCK_VERSION, &bytes);
    let records = parse(2, &pinned).expect("the golden parses");
    assert_eq!(
        records.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [32, 47]
    );
    assert_eq!(&pinned[records[0].1.clone()], ra.as_slice());
    assert_eq!(&pinned[records[1].1.clone()], rb.as_slice());
    assert!(parse(3, &pinned).is_err(), "records of another block");
    let mut trailing = pinned.clone();
    trailing.push(0);
    assert!(parse(2, &trailing).is_err(), "trailing bytes");
    let mut newer = pinned;
    newer[0] = BLOCK_VERSION + 1;
    assert!(parse(2, &newer).is_err(), "a newer format");
}

/// Blocks of the search column (`search_column`, schema 6): residents' and households' cells.
#[test]
fn search_column_blocks() {
    use qiaomen_core::day::Date;
    use qiaomen_core::search::column::{
        COLUMN_VERSION, HouseholdCell, ResidentCell, decode_cells, encode_cells,
    };
    let residents = vec![
        ResidentCell {
            id: 129,
            grid: 3,
            household: 40,
            birth: Some(Date::parse("1948-03-02").expect("date")),
            tags: 0b101 | 1 << 15,
            name: "王秀芳".into(),
            phone: "13800001111".into(),
            phones: "13900002222 073188881234".into(),
            id_number: "43010219480302123x".into(),
        },
        ResidentCell {
            id: 140,
            grid: 4,
            household: 0,
            birth: None,
            tags: 0,
            name: "Li Ming".into(),
            phone: String::new().into(),
            phones: String::new().into(),
            id_number: String::new().into(),
        },
    ];
    let bytes = encode_cells(&residents);
    assert_eq!(bytes[0], COLUMN_VERSION);
    let pinned = golden::check("search-column-residents", COLUMN_VERSION, &bytes);
    let back: Vec<ResidentCell> = decode_cells(&pinned).expect("the golden decodes");
    assert_eq!(back, residents);

    let households = vec![HouseholdCell {
        id: 40,
        grid: 3,
        head: 129,
        tags: 1 | 1 << 7,
        title: "顺和小区 3栋-2-501".into(),
        address: "3-2-501".into(),
        place: "顺和小区".into(),
    }];
    let bytes = encode_cells(&households);
    let pinned = golden::check("search-column-households", COLUMN_VERSION, &bytes);
    let back: Vec<HouseholdCell> = decode_cells(&pinned).expect("the golden decodes");
    assert_eq!(back, households);
}

/// The cells the column derives from records (`ResidentCell::of`, `HouseholdCell::of`): their
/// text comes from `digits_into`, `fold_into`, `address_key` and `Address::short`, their tags
/// from the order of `Category::ALL` and `FileStatus::ALL`. A change to any of these changes
/// what every stored block should hold: bump `COLUMN_VERSION` (or the schema) and rebuild
/// `search_column`, else `check` reports every block and `find` reads the old text.
#[test]
fn search_column_cells_derived_from_records() {
    use qiaomen_core::search::column::{COLUMN_VERSION, HouseholdCell, ResidentCell, encode_cells};
    let mut departed = samples::resident();
    departed.id = 12;
    departed.left = Some(Box::new(qiaomen_core::model::Departure {
        date: common::day("2026-11-30"),
        reason: qiaomen_core::model::LeaveReason::Moved,
        note: String::new(),
    }));
    let residents = [
        ResidentCell::of(&samples::resident()),
        ResidentCell::of(&departed),
    ];
    golden::check(
        "search-column-of-residents",
        COLUMN_VERSION,
        &encode_cells(&residents),
    );
    let households = [HouseholdCell::of(&samples::household())];
    golden::check(
        "search-column-of-households",
        COLUMN_VERSION,
        &encode_cells(&households),
    );
}
