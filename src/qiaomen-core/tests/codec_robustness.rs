//! Damaged stored values are reported as `Error::Corrupt`, never a panic, an abort or a huge
//! allocation: truncated values, trailing bytes, unknown versions and absurd length prefixes.

mod common;

use common::samples;
use qiaomen_core::Error;
use qiaomen_core::model::{
    AuditEntry, Case, Community, FundEntry, Grid, Household, Meeting, Member, Partner, Pledge,
    Resident, Visit,
};
use qiaomen_core::store::{Entity, codec};

/// bincode's varint markers for a following u32, u64 and u128, and the reserved byte.
const HUGE: [&[u8]; 4] = [
    &[0xFC, 0xFF, 0xFF, 0xFF, 0xFF],
    &[0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
    &[
        0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF,
    ],
    &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
];

#[track_caller]
fn assert_corrupt<T: std::fmt::Debug>(kind: &str, result: Result<T, Error>, what: &str) {
    match result {
        Err(Error::Corrupt { kind: k, .. }) => assert_eq!(k, kind, "{what}"),
        other => panic!("{what}: expected Error::Corrupt for {kind}, got {other:?}"),
    }
}

/// Every way of damaging one valid value of `T`.
fn damage<T: Entity + std::fmt::Debug>(sample: &T) {
    let good = sample.encode();
    assert!(T::decode(&good).is_ok());
    for len in 0..good.len() {
        assert_corrupt(
            T::KIND,
            T::decode(&good[..len]),
            &format!("first {len} bytes"),
        );
    }
    for extra in [&[0u8][..], &[0, 0, 0], &[0xFF]] {
        let mut long = good.clone();
        long.extend_from_slice(extra);
        assert_corrupt(T::KIND, T::decode(&long), "trailing bytes");
    }
    for version in [0, T::VERSION + 1, 0xFF] {
        let mut other = good.clone();
        other[0] = version;
        assert_corrupt(T::KIND, T::decode(&other), &format!("version {version}"));
    }
    // An absurd number spliced in at every position: wherever a length is read it must hit the
    // size limit or the end of the input rather than allocate.
    for at in 1..good.len() {
        for huge in HUGE {
            let mut bad = good[..at].to_vec();
            bad.extend_from_slice(huge);
            bad.extend_from_slice(&good[at..]);
            match T::decode(&bad) {
                Ok(_) | Err(Error::Corrupt { .. }) => {}
                Err(e) => panic!("{}: splice at {at} gave {e:?}", T::KIND),
            }
            bad.truncate(at + huge.len());
            match T::decode(&bad) {
                Ok(_) | Err(Error::Corrupt { .. }) => {}
                Err(e) => panic!("{}: cut at {at} gave {e:?}", T::KIND),
            }
        }
    }
}

#[test]
fn every_entity_rejects_damaged_values() {
    damage(&samples::grid());
    damage(&samples::member());
    damage(&samples::household());
    damage(&samples::resident());
    damage(&samples::case());
    damage(&samples::partner());
    damage(&samples::pledge_money());
    damage(&samples::pledge_item());
    damage(&samples::fund());
    damage(&samples::meeting());
    damage(&samples::visit());
    damage(&samples::notice());
    damage(&samples::audit());
}

#[test]
fn huge_length_prefixes_are_refused_not_allocated() {
    for huge in HUGE {
        // Grid: version, id 3, then the code's length.
        let mut bytes = vec![1, 3];
        bytes.extend_from_slice(huge);
        assert_corrupt("grid", Grid::decode(&bytes), "huge code length");
        // Grid: empty code, name and description, then the stewards' count.
        let mut bytes = vec![1, 3, 0, 0, 0];
        bytes.extend_from_slice(huge);
        bytes.extend_from_slice(&[0; 64]);
        assert_corrupt("grid", Grid::decode(&bytes), "huge stewards count");
        // Case: id, kind, then the title's length.
        let mut bytes = vec![1, 42, 0];
        bytes.extend_from_slice(huge);
        assert_corrupt("case", Case::decode(&bytes), "huge title length");
        // Audit: id, at, empty operator and command, then the records' count.
        let mut bytes = vec![1, 1, 2, 0, 0];
        bytes.extend_from_slice(huge);
        assert_corrupt("audit", AuditEntry::decode(&bytes), "huge records count");
    }
    // A length just above the limit, with the bytes really there, is refused too.
    let limit = codec::MAX_VALUE as u32 + 1;
    let mut bytes = vec![1, 3, 0xFC];
    bytes.extend_from_slice(&limit.to_le_bytes());
    bytes.resize(bytes.len() + limit as usize, b'a');
    assert_corrupt("grid", Grid::decode(&bytes), "a code over the size limit");
}

/// Decoding may succeed by chance; failing any other way than `Corrupt` is a bug.
fn only_corrupt<T: Entity>(bytes: &[u8]) {
    if let Err(e) = T::decode(bytes) {
        assert!(matches!(e, Error::Corrupt { .. }), "{}: {e:?}", T::KIND);
    }
}

#[test]
fn garbage_never_panics() {
    // A fixed linear congruential sequence: the same garbage every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 56) as u8
    };
    for len in 0..400 {
        let mut bytes: Vec<u8> = (0..len % 97).map(|_| next()).collect();
        if let Some(first) = bytes.first_mut() {
            *first = 1;
        }
        only_corrupt::<Grid>(&bytes);
        only_corrupt::<Member>(&bytes);
        only_corrupt::<Household>(&bytes);
        only_corrupt::<Resident>(&bytes);
        only_corrupt::<Case>(&bytes);
        only_corrupt::<Partner>(&bytes);
        only_corrupt::<Pledge>(&bytes);
        only_corrupt::<FundEntry>(&bytes);
        only_corrupt::<Meeting>(&bytes);
        only_corrupt::<Visit>(&bytes);
        only_corrupt::<qiaomen_core::register::Notice>(&bytes);
        only_corrupt::<AuditEntry>(&bytes);
        if let Err(e) = codec::decode_body::<Community>("community", &bytes) {
            assert!(matches!(e, Error::Corrupt { .. }), "{e:?}");
        }
    }
}

/// The community is decoded by the store with the public codec; the same damage applies.
#[test]
fn community_body_rejects_damage() {
    let good = codec::encode(1, &samples::community());
    let (version, body) = codec::split_version("community", &good).expect("split");
    assert_eq!(version, 1);
    assert_eq!(
        codec::decode_body::<Community>("community", body).expect("decodes"),
        samples::community()
    );
    for len in 0..body.len() {
        assert_corrupt(
            "community",
            codec::decode_body::<Community>("community", &body[..len]),
            "truncated",
        );
    }
    let mut long = body.to_vec();
    long.push(0);
    assert_corrupt(
        "community",
        codec::decode_body::<Community>("community", &long),
        "trailing",
    );
    assert_corrupt("community", codec::split_version("community", &[]), "empty");
}
