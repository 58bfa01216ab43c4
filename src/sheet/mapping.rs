//! Which column holds which field of the roster: the header row (given with `--header-row`, or
//! found as the row among the first ones that names the most known fields, since government
//! templates put merged title rows above it), each header recognised by the spellings of
//! `columns.rs`, and `--map 列名=field` for the others.

use super::columns::Field;
use super::read::Row;

/// How far down the header row is looked for when `--header-row` is not given.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// One column of the sheet: its header as written, and the field it was mapped to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub field: Option<Field>,
}

/// The columns of a sheet and the row their headers are on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The header row's number, as the spreadsheet shows it.
    pub header_row: usize,
    pub columns: Vec<Column>,
}

impl Mapping {
    /// The index of the column holding `field`.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == Some(field))
    }

    /// The headers of the columns no field was found for (blank headers left out).
    pub fn unmapped(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.is_empty())
            .map(|c| c.header.as_str())
            .collect()
    }
}

/// Why no mapping could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapError {
    /// No row among the first ones names two known fields.
    NoHeader,
    /// `--header-row N` is past the end or a blank row.
    NoSuchRow(usize),
    /// A `--map` argument without `=`, or naming an unknown field.
    BadMap(String),
    /// A `--map` argument naming a column the header row does not have.
    NoSuchColumn(String),
    /// Two columns for one field.
    Twice {
        field: Field,
        first: String,
        second: String,
    },
    /// No column holds the name.
    NoName,
}

/// A `--map 列名=field` argument: the header and the field.
pub fn parse_map(arg: &str) -> Result<(String, Field), MapError> {
    let (header, field) = arg
        .rsplit_once('=')
        .ok_or_else(|| MapError::BadMap(arg.to_owned()))?;
    let field = recognise(field).ok_or_else(|| MapError::BadMap(arg.to_owned()))?;
    Ok((normalise(header), field))
}

/// A header as compared: without spaces (half and full width), asterisks marking required
/// columns, or a parenthesised remark, lower-cased.
fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || c == '*' || c == '＊' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The field a header names, by its code or one of its spellings.
pub fn recognise(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.code() == h || f.aliases().iter().any(|a| normalise(a) == h))
}

/// Maps the columns of `rows`: the header row is the one numbered `header_row`, or else found;
/// `overrides` (from `--map`, headers normalised) win over the recognised spellings.
pub fn map(
    rows: &[Row],
    header_row: Option<usize>,
    overrides: &[(String, Field)],
) -> Result<Mapping, MapError> {
    let field_of = |header: &str| {
        let h = normalise(header);
        overrides
            .iter()
            .find(|(o, _)| *o == h)
            .map(|(_, f)| *f)
            .or_else(|| recognise(header))
    };
    let row = match header_row {
        Some(n) => rows
            .iter()
            .find(|r| r.number == n)
            .ok_or(MapError::NoSuchRow(n))?,
        None => rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .map(|r| (r, r.cells.iter().filter(|c| field_of(c).is_some()).count()))
            .filter(|&(_, n)| n >= 2)
            // The first of the rows naming the most fields.
            .fold(None, |best: Option<(&Row, usize)>, (r, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((r, n)),
            })
            .map(|(r, _)| r)
            .ok_or(MapError::NoHeader)?,
    };
    if let Some((header, _)) = overrides
        .iter()
        .find(|(h, _)| !row.cells.iter().any(|c| normalise(c) == *h))
    {
        return Err(MapError::NoSuchColumn(header.clone()));
    }
    let mut columns: Vec<Column> = Vec::with_capacity(row.cells.len());
    for header in &row.cells {
        let field = field_of(header);
        if let Some(f) = field
            && let Some(first) = columns.iter().find(|c| c.field == Some(f))
        {
            return Err(MapError::Twice {
                field: f,
                first: first.header.clone(),
                second: header.clone(),
            });
        }
        columns.push(Column {
            header: header.clone(),
            field,
        });
    }
    let mapping = Mapping {
        header_row: row.number,
        columns,
    };
    if mapping.index(Field::Name).is_none() {
        return Err(MapError::NoName);
    }
    Ok(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|&c| c.to_owned()).collect(),
        }
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_spellings_are_recognised() {
        let rows = [
            row(1, &["幸福社区独居老人花名册"]),
            row(2, &["填报单位：第一网格", "", "日期：2026-11-30"]),
            row(
                3,
                &["序号", "姓 名*", "公民身份号码", "手机号码（必填）", "备注"],
            ),
            row(4, &["1", "梅秀英", "", "", ""]),
        ];
        let m = map(&rows, None, &[]).expect("mapping");
        assert_eq!(m.header_row, 3);
        assert_eq!(m.index(Field::Name), Some(1));
        assert_eq!(m.index(Field::IdNumber), Some(2));
        assert_eq!(m.index(Field::Phone), Some(3));
        assert_eq!(m.unmapped(), ["序号", "备注"]);
        // Given by hand, the same row; a row that is not there is refused.
        assert_eq!(map(&rows, Some(3), &[]), Ok(m));
        assert_eq!(map(&rows, Some(9), &[]), Err(MapError::NoSuchRow(9)));
        assert_eq!(map(&rows, Some(1), &[]), Err(MapError::NoName));
    }

    #[test]
    fn map_arguments_name_a_column_and_a_field() {
        let rows = [row(1, &["姓名", "楼栋", "居住情况"])];
        let over = [parse_map("居住情况=categories").expect("map")];
        let m = map(&rows, None, &over).expect("mapping");
        assert_eq!(m.index(Field::Categories), Some(2));
        assert!(m.unmapped().is_empty());
        assert!(matches!(parse_map("居住情况"), Err(MapError::BadMap(_))));
        assert!(matches!(parse_map("x=nope"), Err(MapError::BadMap(_))));
        let missing = [parse_map("门牌=room").expect("map")];
        assert_eq!(
            map(&rows, None, &missing),
            Err(MapError::NoSuchColumn("门牌".into()))
        );
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let rows = [row(1, &["姓名", "电话", "手机号码"])];
        assert!(matches!(
            map(&rows, None, &[]),
            Err(MapError::Twice {
                field: Field::Phone,
                ..
            })
        ));
    }
}
