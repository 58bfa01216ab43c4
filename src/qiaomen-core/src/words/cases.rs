//! Words of cases: kinds, statuses, closures, levels, how a petitioner was met, organisations.

use super::words;
use crate::model::{CaseKind, CaseStatus, Closure, ContactHow, Level, OrgKind};

words!(CaseKind {
    Dispute => "矛盾纠纷", "dispute";
    Petition => "信访", "petition";
    Request => "群众反映", "request";
    Assistance => "帮扶", "assistance";
});

words!(CaseStatus {
    Open => "待处理", "open";
    Mediating => "调解中", "mediating";
    Resolved => "已化解", "resolved";
    Closed => "已结案", "closed";
    Escalated => "已上报", "escalated";
});

words!(Closure {
    Withdrawn => "息诉罢访", "withdrawn";
    Settled => "案结事了", "settled";
    Agreement => "达成协议", "agreement";
    Other => "其他原因", "other reason";
});

words!(Level {
    Grid => "网格", "grid";
    Community => "社区", "community";
    Subdistrict => "街道", "subdistrict";
});

words!(ContactHow {
    Visit => "上门", "visit";
    Phone => "电话", "phone";
    Accompany => "陪访接待", "accompany";
    Other => "其他方式", "other";
});

words!(OrgKind {
    PropertyCompany => "物业公司", "property company";
    OwnersCommittee => "业主委员会", "owners' committee";
    Builder => "施工单位", "builder";
    // The same word as a partner's kind: one spelling per word.
    Unit => "驻区单位", "unit";
    LawFirm => "律师事务所", "law firm";
    Other => "其他组织", "other";
});
