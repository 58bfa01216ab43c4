//! The roster's columns (花名册): one list for the spreadsheet export of residents and for the
//! import's header mapping, so that a roster qiaomen exported imports again unchanged.
//!
//! Each field has a code (the English header, and the name `--map 列名=field` takes), a Chinese
//! header (both through `i18n::roster_header`), and the other spellings found in the rosters
//! of community offices, which the import recognises.

/// One column of a roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Gender,
    Birth,
    IdNumber,
    Phone,
    Grid,
    /// The estate or free-text address (小区 / 住址).
    Estate,
    Building,
    Unit,
    Room,
    /// The household a row belongs to, as a number that only groups the rows of one file.
    Household,
    /// Relation to the head of the household (户主 for the head).
    Relation,
    Categories,
    Health,
    /// Emergency contacts, "姓名（关系）" each, several separated by "；".
    ContactName,
    /// Their phones, in the same order.
    ContactPhone,
}

impl Field {
    /// In the order the export writes them.
    pub const ALL: [Field; 16] = [
        Field::Name,
        Field::Gender,
        Field::Birth,
        Field::IdNumber,
        Field::Phone,
        Field::Grid,
        Field::Estate,
        Field::Building,
        Field::Unit,
        Field::Room,
        Field::Household,
        Field::Relation,
        Field::Categories,
        Field::Health,
        Field::ContactName,
        Field::ContactPhone,
    ];

    /// The English header and the name `--map` takes.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Gender => "gender",
            Field::Birth => "birth",
            Field::IdNumber => "id_number",
            Field::Phone => "phone",
            Field::Grid => "grid",
            Field::Estate => "estate",
            Field::Building => "building",
            Field::Unit => "unit",
            Field::Room => "room",
            Field::Household => "household",
            Field::Relation => "relation",
            Field::Categories => "categories",
            Field::Health => "health",
            Field::ContactName => "contact_name",
            Field::ContactPhone => "contact_phone",
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Header spellings recognised on import besides the field's code and its Chinese header
    /// (compared without spaces, case-insensitively).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &["姓名", "名字", "居民姓名", "人员姓名"],
            Field::Gender => &["性别", "sex"],
            Field::Birth => &["出生日期", "出生年月", "出生年月日", "生日", "birth_date"],
            Field::IdNumber => &[
                "身份证号",
                "公民身份号码",
                "身份证号码",
                "身份证",
                "证件号码",
                "id",
            ],
            Field::Phone => &[
                "联系电话",
                "手机号码",
                "手机号",
                "电话",
                "联系方式",
                "mobile",
            ],
            Field::Grid => &["网格", "所属网格", "网格编号", "网格名称"],
            Field::Estate => &["小区", "住址", "地址", "居住地址", "小区名称", "address"],
            Field::Building => &["楼栋", "楼号", "栋", "楼栋号"],
            Field::Unit => &["单元", "单元号"],
            Field::Room => &["门牌号", "房号", "室", "房间号"],
            Field::Household => &["户号", "户编号", "家庭编号"],
            Field::Relation => &["与户主关系", "关系"],
            Field::Categories => &["人员类别", "类别", "人员类型", "人群类别"],
            Field::Health => &["健康状况", "健康", "身体状况"],
            Field::ContactName => &["紧急联系人"],
            Field::ContactPhone => &["紧急联系电话", "紧急联系人电话"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_code(f.code()), Some(f));
        }
        let mut codes: Vec<_> = Field::ALL.iter().map(|f| f.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Field::ALL.len());
    }

    #[test]
    fn no_spelling_names_two_fields() {
        let mut all: Vec<&str> = Field::ALL
            .iter()
            .flat_map(|f| f.aliases().iter().copied().chain([f.code()]))
            .collect();
        all.sort_unstable();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn headers_are_the_code_in_english_and_a_known_spelling_in_chinese() {
        use crate::i18n::{Lang, roster_header};
        for f in Field::ALL {
            assert_eq!(roster_header(Lang::En, f), f.code());
            assert!(f.aliases().contains(&roster_header(Lang::Zh, f)), "{f:?}");
        }
    }
}
