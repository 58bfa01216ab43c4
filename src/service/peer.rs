//! Who is at the other end of the socket, and what they may do. The kernel tells the server the
//! client's uid (SO_PEERCRED); the uid's login name is matched to a member's `login`; the
//! member's roles decide (`qiaomen_core::access`). The database's owner (or root) with no
//! member is its admin, so a one-person setup needs no configuration.

use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::Path;

use qiaomen_core::access::{self, Refusal, Who};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::{Actor, Applied, Command, Engine, Error, Reads, Result, visible};

/// The largest page of records a client may ask for (`backend::PAGE_BYTES` is what the app
/// asks).
const MAX_PAGE: u32 = 8 << 20;

/// The longest operator name a client may give (as a member's name).
const MAX_NAME: usize = 64;

/// Refusals kept in the journal per OS user and minute; more are answered but not kept.
const REFUSALS_PER_MINUTE: u32 = 30;

/// How many refusals of each OS user were kept in the current minute.
struct RefusalRate(std::sync::Mutex<std::collections::HashMap<u32, (std::time::Instant, u32)>>);

static REFUSALS: std::sync::LazyLock<RefusalRate> =
    std::sync::LazyLock::new(|| RefusalRate(std::sync::Mutex::default()));

impl RefusalRate {
    fn allow(&self, uid: u32) -> bool {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = std::time::Instant::now();
        let slot = map.entry(uid).or_insert((now, 0));
        if now.duration_since(slot.0) >= std::time::Duration::from_secs(60) {
            *slot = (now, 0);
        }
        slot.1 += 1;
        if slot.1 == REFUSALS_PER_MINUTE + 1 {
            super::server::log(&format!(
                "uid {uid}: more than {REFUSALS_PER_MINUTE} refusals this minute; the rest are not journalled"
            ));
        }
        slot.1 <= REFUSALS_PER_MINUTE
    }
}

/// The client of one connection.
#[derive(Clone, Debug)]
pub struct Peer {
    pub uid: u32,
    /// The login name of the uid (`/etc/passwd`), or the uid as a number if it has none.
    pub os_user: String,
    /// The uid owns the database directory, or is root.
    pub owner: bool,
    /// The operator the client named (`--as`, or `QIAOMEN_OPERATOR` from its SSH key).
    asked: Option<String>,
    /// Who this peer was at a roster version: members and grids are read again only after
    /// they changed, not for every request.
    known: std::cell::RefCell<Option<(u64, std::result::Result<Who, Refusal>)>>,
}

impl Peer {
    pub fn of(stream: &UnixStream, dir: &Path) -> std::io::Result<Peer> {
        let cred = rustix::net::sockopt::socket_peercred(stream)?;
        let uid = cred.uid.as_raw();
        let owner_uid = std::fs::metadata(dir)?.uid();
        Ok(Peer {
            uid,
            os_user: login_of(uid).unwrap_or_else(|| uid.to_string()),
            owner: uid == 0 || uid == owner_uid,
            asked: None,
            known: std::cell::RefCell::new(None),
        })
    }

    /// The operator the client names from now on (a name: at most 64 characters; a longer
    /// one cannot be a member's and is cut, so it cannot bloat what is recorded).
    pub fn set_asked(&mut self, operator: Option<String>) {
        self.asked = operator.map(|o| o.chars().take(MAX_NAME).collect());
        self.known.replace(None);
    }

    /// Who this peer is now (members can change while a client stays connected).
    pub fn who(&self, engine: &Engine) -> Result<std::result::Result<Who, Refusal>> {
        let version = engine.roster_version();
        if let Some((v, who)) = &*self.known.borrow()
            && *v == version
        {
            return Ok(who.clone());
        }
        let crew = engine.crew()?;
        let who = access::identify(
            &self.os_user,
            self.owner,
            self.asked.as_deref(),
            &crew.members,
            &crew.grids,
        );
        self.known.replace(Some((version, who.clone())));
        Ok(who)
    }

    /// Applies a command if the peer may, recording it as theirs; a refusal is itself kept in
    /// the journal and the audit.
    pub fn apply(&self, engine: &Engine, command: Command, actor: &Actor) -> Result<Applied> {
        let who = self.who(engine)?;
        // The refusal is recorded under the member's name when there is one, else the OS
        // user's.
        let name = who
            .as_ref()
            .map_or_else(|_| self.os_user.clone(), |w| w.name.clone());
        let verdict = match who {
            Ok(who) => access::authorize(&who, &command, engine)?.map(|()| who),
            Err(r) => Err(r),
        };
        match verdict {
            Ok(who) => {
                let actor = Actor {
                    operator: who.name,
                    now: actor.now,
                };
                engine.apply_by(command, &actor, &self.os_user)
            }
            Err(refusal) => {
                let what = format!("{command:?}");
                let what = what.split(['(', ' ', '{']).next().unwrap_or("command");
                // On the server's clock: a refused client does not date the audit.
                self.audit_refusal(engine, &name, what, &refusal)?;
                Err(Error::Refused(refusal))
            }
        }
    }

    /// Answers a query with what the peer may see.
    pub fn query(&self, engine: &Engine, query: Query) -> Result<Answer> {
        let who = self.who(engine)?.map_err(Error::Refused)?;
        let narrowed = !matches!(
            who.rank,
            access::Rank::Admin | access::Rank::Secretary | access::Rank::Worker
        );
        // Bounds on what one request may make the server read: whole kinds only in pages of
        // at most `MAX_PAGE`; a narrowed search looks further, since hits of other grids are
        // taken out after it.
        let query = match query {
            Query::All(_) => {
                return Err(Error::invalid(
                    "query",
                    qiaomen_core::reason::Reason::PagedOverSocket,
                ));
            }
            Query::Page {
                tree,
                after,
                max_bytes,
            } => Query::Page {
                tree,
                after,
                max_bytes: max_bytes.min(MAX_PAGE),
            },
            Query::Find {
                text,
                today,
                limit,
                all,
            } if narrowed => Query::Find {
                text,
                today,
                limit: limit.saturating_mul(10),
                all,
            },
            q => q,
        };
        let limit = match &query {
            Query::Find { limit, .. } if narrowed => Some(limit / 10),
            _ => None,
        };
        let query = visible::allowed(&who, query).map_err(Error::Refused)?;
        let tree = match &query {
            Query::All(t)
            | Query::Get(t, _)
            | Query::GetMany(t, _)
            | Query::Page { tree: t, .. } => Some(*t),
            _ => None,
        };
        let answer = engine.query(query)?;
        Ok(match (tree, answer) {
            (Some(t), Answer::Raw(values)) => {
                Answer::Raw(visible::narrow_records(&who, t, values, engine)?)
            }
            (Some(t), Answer::RawOne(Some(v))) => {
                if let Some(v) = visible::narrow_records(&who, t, vec![v.clone()], engine)?.pop() {
                    Answer::RawOne(Some(v))
                } else {
                    // Asked for by id and not theirs: refused, with the reason, and audited.
                    let refusal = visible::refusal_for(&who, t, &v, engine)?;
                    let what = format!("Get {}", t.name());
                    self.audit_refusal(engine, &who.name, &what, &refusal)?;
                    return Err(Error::Refused(refusal));
                }
            }
            (Some(t), Answer::Page { values, last, done }) => Answer::Page {
                values: visible::narrow_records(&who, t, values, engine)?,
                last,
                done,
            },
            (_, answer) => match (visible::narrow(&who, answer, engine)?, limit) {
                (Answer::Hits(mut hits), Some(limit)) => {
                    hits.truncate(limit);
                    Answer::Hits(hits)
                }
                (answer, _) => answer,
            },
        })
    }

    /// An export: everything for those who read everything; a steward's grids (without the
    /// audit); nothing for a volunteer.
    pub fn export(
        &self,
        engine: &Engine,
        out: &mut dyn std::io::Write,
        with_audit: bool,
    ) -> Result<usize> {
        let who = self.who(engine)?.map_err(Error::Refused)?;
        match who.rank {
            access::Rank::Admin | access::Rank::Secretary | access::Rank::Worker => {
                engine.export(out, with_audit)
            }
            access::Rank::Steward if !with_audit => {
                engine.export_where(out, false, &mut |r| visible::keeps_record(&who, r, engine))
            }
            rank => Err(Error::Refused(Refusal::Rank {
                who: who.name,
                rank,
                action: "reports",
            })),
        }
    }

    /// A backup writes where the client says, with the server's (the owner's) rights: the
    /// owner's to ask, not another OS user's, even an admin's.
    pub fn may_back_up(&self, engine: &Engine) -> Result<()> {
        self.may_whole(engine, true)?;
        if self.owner {
            return Ok(());
        }
        Err(Error::Refused(Refusal::Rank {
            who: self.os_user.clone(),
            rank: access::Rank::Admin,
            action: "settings",
        }))
    }

    /// The name a whole-database change (an import) is recorded under.
    pub fn name(&self, engine: &Engine) -> Result<String> {
        Ok(self.who(engine)?.map_err(Error::Refused)?.name)
    }

    /// Imports and backups: the whole database at once, for admins; `write: false` for those
    /// who read everything.
    pub fn may_whole(&self, engine: &Engine, write: bool) -> Result<()> {
        let who = self.who(engine)?.map_err(Error::Refused)?;
        let ok = match who.rank {
            access::Rank::Admin => true,
            access::Rank::Secretary | access::Rank::Worker => !write,
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Refused(Refusal::Rank {
                who: who.name,
                rank: who.rank,
                action: if write { "settings" } else { "reports" },
            }))
        }
    }
}

impl Peer {
    /// A refused read, kept like a refused command (with the server's clock).
    fn audit_refusal(
        &self,
        engine: &Engine,
        name: &str,
        what: &str,
        refusal: &Refusal,
    ) -> Result<()> {
        // A client that keeps being refused is answered every time, but its refusals are kept
        // only up to a rate, so it cannot fill the journal.
        if !REFUSALS.allow(self.uid) {
            return Ok(());
        }
        let offset = engine.community()?.utc_offset_minutes;
        let now = crate::context::now(offset).map_err(|e| Error::Storage(e.to_string()))?;
        self.record_refusal(engine, name, now, what, refusal)
    }

    fn record_refusal(
        &self,
        engine: &Engine,
        name: &str,
        now: qiaomen_core::Now,
        what: &str,
        refusal: &Refusal,
    ) -> Result<()> {
        let actor = Actor {
            operator: name.to_owned(),
            now,
        };
        engine.refuse(&actor, &self.os_user, &refused(what, refusal))
    }
}

/// The audit line of a refusal: what was tried and why not, in codes.
fn refused(what: &str, refusal: &Refusal) -> String {
    let why = match refusal {
        Refusal::NoMember { os_user } => format!("no member logs in as {os_user}"),
        Refusal::SharedAccount { os_user, .. } => format!("{os_user} is shared; no operator named"),
        Refusal::ActAs { who, asked } => format!("{who} may not act as {asked}"),
        Refusal::Rank { who, rank, action } => {
            format!("{who} is {}; {action} are not theirs", rank.code())
        }
        Refusal::OutsideGrids {
            who,
            grids,
            record,
            grid,
        } => format!("{who} keeps {}; {record} is in {grid}", grids.join(",")),
        Refusal::NotTheirElder { who, elder } => format!("{who} does not call {elder}"),
    };
    format!("refused {what}: {why}")
}

/// The login name of a uid, from `/etc/passwd` (users from a directory service are shown as
/// their uid).
pub(crate) fn login_of(uid: u32) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::{REFUSALS_PER_MINUTE, RefusalRate};

    #[test]
    fn refusals_are_kept_up_to_a_rate_per_os_user() {
        let rate = RefusalRate(std::sync::Mutex::default());
        let kept = (0..100).filter(|_| rate.allow(4242)).count();
        assert_eq!(kept, REFUSALS_PER_MINUTE as usize);
        assert!(rate.allow(4243), "another user has a rate of their own");
    }
}
