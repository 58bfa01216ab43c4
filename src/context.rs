//! What every command needs: the open store, the language, the operator and the community's
//! own "now".

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use qiaomen_core::model::Member;
use qiaomen_core::{Actor, ClockTime, Date, Engine, Now, Reads};

use crate::backend::Backend;

use crate::cli::{Cli, LangArg};
use crate::error::AppError;
use crate::i18n::Lang;

pub struct Context {
    /// The database, in this process or behind the server: the one way to it.
    pub backend: Arc<dyn Backend>,
    pub lang: Lang,
    /// `--as`, when given.
    given_operator: Option<String>,
    /// Who records the changes (`operator`), looked up the first time a command needs it: a
    /// command that only reads never reads the members for it.
    operator: std::sync::OnceLock<String>,
    pub offset_minutes: i16,
}

pub fn lang(cli: &Cli) -> Lang {
    match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

/// `--db`, else `$XDG_DATA_HOME/qiaomen`, else `~/.local/share/qiaomen`.
pub fn db_dir(cli: &Cli) -> PathBuf {
    if let Some(p) = &cli.db {
        return p.clone();
    }
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return PathBuf::from(x).join("qiaomen");
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".local/share/qiaomen")
}

/// The OS login name, used when no operator is given.
/// `$USER` or `$LOGNAME`, else the process's own user as `/etc/passwd` names it (a cron job
/// or a bare `env -i` has neither variable; the audit must still say who).
fn login_name() -> Option<String> {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(|| crate::service::peer::login_of(rustix::process::getuid().as_raw()))
}

/// The OS user this process runs as, for the audit's `os_user` (empty only if nothing names it).
pub fn os_user() -> String {
    login_name().unwrap_or_default()
}

/// The current Unix time, or `QIAOMEN_NOW` (`YYYY-MM-DDTHH:MM`, community time) for tests
/// and demonstrations.
pub fn now(offset_minutes: i16) -> Result<Now, AppError> {
    if let Ok(fixed) = std::env::var("QIAOMEN_NOW") {
        let (d, t) = fixed.split_once(['T', ' ']).ok_or_else(|| {
            AppError::Usage(format!(
                "QIAOMEN_NOW: expected YYYY-MM-DDTHH:MM, got {fixed}"
            ))
        })?;
        let date = Date::parse(d).map_err(|e| AppError::Usage(format!("QIAOMEN_NOW: {e}")))?;
        let time = ClockTime::parse(t).map_err(|e| AppError::Usage(format!("QIAOMEN_NOW: {e}")))?;
        return Ok(Now::local(date, time, offset_minutes));
    }
    let unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(Now::at(unix, offset_minutes)?)
}

/// The community's offset before the database is open (the default, +08:00): opening uses the
/// clock only to date a snapshot it may have to take.
const DEFAULT_OFFSET: i16 = 480;

/// Opens the database in `--db`, and says on stderr what opening found and repaired. The
/// store's keys are not counted against its kept counts before a command reads it (at the
/// subdistrict that walk was four fifths of a `roll`); they are counted before anything copies
/// the store into a snapshot, by `check`, and by a server's warm-up (see
/// `Engine::open_unverified`).
pub fn open_engine(cli: &Cli) -> Result<Engine, AppError> {
    crate::trace::mark("opening the engine");
    let open = if matches!(cli.command, Some(crate::cli::Cmd::Import { .. })) {
        Engine::open_lean
    } else {
        Engine::open_unverified
    };
    let engine = open(
        &db_dir(cli),
        &crate::context::os_user(),
        now(DEFAULT_OFFSET)?,
    )?;
    crate::trace::mark("engine open");
    let lang = lang(cli);
    for r in engine.recovered().iter().filter(|r| r.worth_telling()) {
        crate::error::say(&crate::i18n::recovery(lang, engine.dir(), r));
    }
    Ok(engine)
}

/// A fresh clock reading for creating a database (`init`, `restore`, `--demo`).
pub fn creation_now() -> Result<Now, AppError> {
    now(DEFAULT_OFFSET)
}

/// The database of `--db`: its server (started when none runs), or with `--no-server` the
/// engine in this process, alone.
pub fn connect(cli: &Cli) -> Result<Arc<dyn Backend>, AppError> {
    crate::service::connect(cli)
}

/// `--as`, else the member who logs in as this OS user, else the OS login name.
pub fn operator(cli: &Cli, store: &dyn Backend) -> Result<String, AppError> {
    operator_of(cli.operator.as_deref(), store)
}

/// `operator`, with `--as` given as `given`.
fn operator_of(given: Option<&str>, store: &dyn Backend) -> Result<String, AppError> {
    // Through the server: the name it established from the socket's peer credentials.
    if let Some(who) = store.who() {
        return Ok(who.name);
    }
    if let Some(o) = given {
        return Ok(o.trim().to_owned());
    }
    let login = login_name().unwrap_or_else(|| "operator".to_owned());
    Ok(store
        .all::<Member>()?
        .into_iter()
        .find(|m| m.login.as_deref() == Some(login.as_str()))
        .map_or(login, |m| m.name))
}

impl Context {
    /// Opens the database (never creates one), telling on stderr what opening had to repair.
    pub fn open(cli: &Cli) -> Result<Context, AppError> {
        Self::with_backend(cli, connect(cli)?)
    }

    pub fn with_backend(cli: &Cli, backend: Arc<dyn Backend>) -> Result<Context, AppError> {
        let offset_minutes = backend.community()?.utc_offset_minutes;
        Ok(Context {
            given_operator: cli.operator.clone(),
            operator: std::sync::OnceLock::new(),
            backend,
            lang: lang(cli),
            offset_minutes,
        })
    }

    pub fn now(&self) -> Result<Now, AppError> {
        now(self.offset_minutes)
    }

    pub fn actor(&self) -> Result<Actor, AppError> {
        Ok(Actor {
            operator: self.operator()?,
            now: self.now()?,
        })
    }

    /// Who records the changes: `--as`, else the member who logs in as this OS user, else
    /// the OS login name (through a server, the name it knows the peer by).
    pub fn operator(&self) -> Result<String, AppError> {
        if let Some(o) = self.operator.get() {
            return Ok(o.clone());
        }
        let o = operator_of(self.given_operator.as_deref(), &*self.backend)?;
        Ok(self.operator.get_or_init(|| o).clone())
    }

    /// An optional `--grid` value (code, name or id), looked up.
    pub fn grid_arg(
        &self,
        grid: Option<&str>,
    ) -> Result<Option<qiaomen_core::model::Grid>, AppError> {
        Ok(grid
            .map(|g| qiaomen_core::lookup::grid(&*self.backend, g))
            .transpose()?)
    }

    /// A `--date` value, or today in the community's time zone.
    pub fn date_or_today(&self, date: Option<&str>) -> Result<Date, AppError> {
        match date {
            Some(d) => self.date_arg(d),
            None => Ok(self.now()?.date),
        }
    }

    /// A date typed on the command line: `2026-12-02`, or `12-02`, `12/2`, `12月2日` for a
    /// day of this year (`qiaomen_core::dates::parse_typed`, the one parser).
    pub fn date_arg(&self, text: &str) -> Result<Date, AppError> {
        let today = self.now()?.date;
        crate::error::arg(qiaomen_core::dates::parse_typed(text, today), self.lang)
    }

    /// An optional typed date (`date_arg`).
    pub fn date_opt(&self, text: Option<&str>) -> Result<Option<Date>, AppError> {
        text.map(|t| self.date_arg(t)).transpose()
    }
}
