use super::*;

fn c(elder: Id, seq: u16) -> CheckIn {
    CheckIn {
        elder,
        date: Date::parse("2026-11-30").unwrap(),
        seq,
        time: ClockTime::new(8, 0).unwrap(),
        by: "刘晓燕".into(),
        method: Method::Phone,
        outcome: Outcome::Ok,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    }
}

#[test]
fn a_day_keeps_elder_and_attempt_order() {
    let mut day = Vec::new();
    upsert(&mut day, c(7, 1));
    upsert(&mut day, c(3, 0));
    upsert(&mut day, c(7, 0));
    let order: Vec<(Id, u16)> = day.iter().map(|x| (x.elder, x.seq)).collect();
    assert_eq!(order, [(3, 0), (7, 0), (7, 1)]);
    assert_eq!(of_elder(&day, 7).len(), 2);
    assert!(of_elder(&day, 5).is_empty());
    let date = day[0].date;
    assert_eq!(decode(date, &encode(&day)).unwrap(), day);
    assert_eq!(decode(date, &encode_plain(&day)).unwrap(), day);
    assert!(remove(&mut day, 7, 0));
    assert!(!remove(&mut day, 7, 0));
}

#[test]
fn an_unordered_day_is_damage_in_either_format() {
    let day = vec![c(7, 0), c(3, 0)];
    let date = day[0].date;
    for bytes in [encode(&day), encode_plain(&day)] {
        assert!(matches!(decode(date, &bytes), Err(Error::Corrupt { .. })));
    }
}

#[test]
fn a_packed_day_is_compressed_and_bounded() {
    let day: Vec<CheckIn> = (1..=2000).map(|e| c(e, 0)).collect();
    let packed = encode(&day);
    let plain = encode_plain(&day);
    assert!(
        packed.len() * 3 < plain.len(),
        "{} packed vs {} plain",
        packed.len(),
        plain.len()
    );
    // A damaged body is damage, not a panic; so is a body that would expand without limit.
    let mut bad = packed.clone();
    bad.truncate(bad.len() / 2);
    assert!(matches!(
        decode(day[0].date, &bad),
        Err(Error::Corrupt { .. })
    ));
    let bomb = {
        let zeros = vec![0u8; codec::MAX_VALUE + 1];
        let mut v = vec![PACKED];
        v.extend(zstd::bulk::compress(&zeros, 3).unwrap());
        v
    };
    assert!(matches!(
        decode(day[0].date, &bomb),
        Err(Error::Corrupt { .. })
    ));
    assert!(matches!(
        decode(day[0].date, &[9, 1]),
        Err(Error::Corrupt { .. })
    ));
}

#[test]
fn keys_of_a_day_sort_between_it_and_the_next() {
    let date = Date::parse("2026-11-30").unwrap();
    let mark = mark_key(date, 42, 3);
    assert_eq!(parse_key(&mark).unwrap(), Key::Mark(date, 42, 3));
    assert_eq!(parse_key(&day_key(date)).unwrap(), Key::Day(date));
    let range = days_range(date, date);
    assert!(range.start.as_slice() < mark.as_slice());
    assert!(mark.as_slice() < range.end.as_slice());
    assert!(parse_key(&[0, 1, 2]).is_err());
    assert!(parse_key(&[0, 0x25, 0x8e, 0xbf, 1]).is_err());
}

#[test]
fn marks_lie_over_the_pack() {
    let mut noted = c(7, 0);
    noted.note = "女儿已确认".into();
    let stored = StoredDay {
        pack: vec![c(3, 0), c(7, 0), c(9, 0)],
        marks: vec![noted.clone(), c(7, 1), c(11, 0)],
    };
    let merged = stored.merged();
    let order: Vec<(Id, u16)> = merged.iter().map(|x| (x.elder, x.seq)).collect();
    assert_eq!(order, [(3, 0), (7, 0), (7, 1), (9, 0), (11, 0)]);
    assert_eq!(merged[1], noted);
    assert!(stored.in_pack(9, 0) && !stored.in_marks(9, 0));
}

#[test]
fn days_group_a_key_range_either_way() {
    let db = sled::Config::new().temporary(true).open().unwrap();
    let t = db.open_tree("checkins").unwrap();
    let d1 = Date::parse("2026-11-29").unwrap();
    let d2 = Date::parse("2026-11-30").unwrap();
    let mut a = c(5, 0);
    a.date = d1;
    t.insert(day_key(d1), encode(&[a.clone()])).unwrap();
    let mut b = c(6, 0);
    b.date = d2;
    t.insert(mark_key(d2, 6, 0), encode_mark(&b)).unwrap();
    let mut b2 = b.clone();
    b2.seq = 1;
    t.insert(mark_key(d2, 6, 1), encode_mark(&b2)).unwrap();
    let forward: Vec<(Date, Vec<CheckIn>)> = Days::new(t.iter())
        .map(|d| d.map(|(date, day)| (date, day.merged())))
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(
        forward,
        vec![(d1, vec![a.clone()]), (d2, vec![b.clone(), b2.clone()])]
    );
    let backward: Vec<Date> = Days::new(t.iter().rev())
        .map(|d| d.map(|(date, _)| date))
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(backward, vec![d2, d1]);
    assert_eq!(decode_loose(&encode_loose(&[d1, d2])), vec![d1, d2]);
}

#[test]
fn snapshots_hold_packed_days_plain_and_give_back_the_same_bytes() {
    let day: Vec<CheckIn> = (1..=300).map(|e| c(e, 0)).collect();
    let packed = encode(&day);
    let tree = super::super::Tree::CheckIns as u8;
    let key = day_key(day[0].date);
    let plain = for_snapshot(2, tree, &key, &packed)
        .unwrap()
        .expect("transcoded");
    assert_eq!(plain[0], PLAIN);
    assert_eq!(decode(day[0].date, &plain).unwrap(), day);
    assert_eq!(
        from_snapshot(2, tree, &key, &plain).unwrap(),
        Some(packed.clone())
    );
    // A day packed before the ladder (format 2) goes plain as format 1, and back.
    let old_packed = codec::recompress(PACKED_V2, &encode_plain(&day)[1..]);
    let old_plain = for_snapshot(2, tree, &key, &old_packed)
        .unwrap()
        .expect("transcoded");
    assert_eq!(old_plain, encode_plain(&day));
    assert_eq!(
        from_snapshot(2, tree, &key, &old_plain).unwrap(),
        Some(old_packed)
    );
    // Marks, other trees and schema-1 snapshots are stored as they are.
    let mark = mark_key(day[0].date, 1, 0);
    assert_eq!(
        for_snapshot(2, tree, &mark, &encode_mark(&day[0])).unwrap(),
        None
    );
    assert_eq!(for_snapshot(2, tree + 1, &key, &packed).unwrap(), None);
    assert_eq!(for_snapshot(1, tree, &key, &packed).unwrap(), None);
    assert_eq!(from_snapshot(1, tree, &key, &plain).unwrap(), None);
}

#[test]
fn the_ladder_fields_are_kept_in_packs_and_marks_and_old_marks_read_without_them() {
    let mut step = c(7, 2);
    step.method = Method::Contact;
    step.outcome = Outcome::NoAnswer;
    step.contact = Some(2);
    step.case = Some(15);
    let day = vec![c(7, 0), c(7, 1), step.clone()];
    let date = step.date;
    assert_eq!(decode(date, &encode(&day)).unwrap(), day);
    let mark = encode_mark(&step);
    assert_eq!(mark[0], MARK_VERSION);
    assert_eq!(decode_mark(date, 7, 2, &mark).unwrap(), step);
    let old = codec::encode(
        MARK_V1,
        &StoredMarkV1 {
            time: step.time,
            by: step.by.clone(),
            method: Method::Phone,
            outcome: step.outcome,
            note: String::new(),
            away_until: None,
        },
    );
    let read = decode_mark(date, 7, 2, &old).unwrap();
    assert_eq!((read.contact, read.case), (None, None));
}

#[test]
fn one_elders_part_of_a_day_is_what_the_whole_day_holds_for_them() {
    let mut day: Vec<CheckIn> = (1..=300).map(|e| c(e, 0)).collect();
    let mut noted = c(150, 1);
    noted.note = "腿脚不便，电话要大声".into();
    noted.outcome = Outcome::NoAnswer;
    noted.contact = Some(1);
    noted.case = Some(9);
    upsert(&mut day, noted);
    let date = day[0].date;
    // The packed format, the plain one of snapshots and the old ones without the ladder.
    // Format 2: format 1's body (no ladder fields), compressed.
    let v2 = codec::recompress(PACKED_V2, &encode_plain(&day)[1..]);
    let plain_v3 = for_snapshot(
        2,
        crate::store::Tree::CheckIns as u8,
        &day_key(date),
        &encode(&day),
    )
    .unwrap()
    .unwrap();
    for bytes in [encode(&day), plain_v3, encode_plain(&day), v2] {
        let whole = decode(date, &bytes).unwrap();
        for elder in [1, 150, 300, 301, 0] {
            assert_eq!(
                decode_of_elder(date, &bytes, elder).unwrap(),
                of_elder(&whole, elder),
                "elder {elder}, format {}",
                bytes[0]
            );
        }
    }
    assert_eq!(decode_of_elder(date, &encode(&day), 150).unwrap().len(), 2);
    // Damage is found as by `decode`: the order, a cut body, trailing bytes.
    let unordered = encode(&[c(7, 0), c(3, 0)]);
    assert!(matches!(
        decode_of_elder(date, &unordered, 3),
        Err(Error::Corrupt { .. })
    ));
    let mut cut = encode(&day);
    cut.truncate(cut.len() / 2);
    assert!(matches!(
        decode_of_elder(date, &cut, 3),
        Err(Error::Corrupt { .. })
    ));
    let plain = for_snapshot(
        2,
        crate::store::Tree::CheckIns as u8,
        &day_key(date),
        &encode(&day),
    )
    .unwrap()
    .unwrap();
    let mut longer = plain.clone();
    longer.push(0);
    assert!(matches!(
        decode_of_elder(date, &longer, 3),
        Err(Error::Corrupt { .. })
    ));
}
