//! Words of the register: household files, care categories, need tags, partners, pledges,
//! the fund, meetings, partners' activities and duties.

use super::words;
use crate::model::{
    ActivityKind, Category, Direction, FileStatus, MeetingKind, Need, PartnerKind, Period,
    PledgeStatus, Side,
};

words!(FileStatus {
    Registered => "已建档", "registered";
    Reviewed => "已审核", "reviewed";
    Noticed => "公示中", "on notice";
    Published => "已发布", "published";
    Claimed => "已认领", "claimed";
    Tracking => "跟踪中", "tracking";
    Closed => "已结档", "closed";
});

words!(Category {
    Elder => "老年人", "elder";
    Disabled => "残疾人士", "disabled";
    LeftBehindChild => "留守儿童", "left-behind child";
    InDifficulty => "困难群众", "in difficulty";
    SpecialSupport => "特扶家庭", "special support";
});

words!(Need {
    Living => "生活救助", "living costs";
    Meals => "助餐", "meals";
    Medical => "医疗救助", "medical care";
    Education => "助学", "education";
    Tutoring => "课业辅导", "tutoring";
    Employment => "就业帮扶", "employment";
    Heating => "取暖过冬", "heating";
    Repair => "房屋维修", "home repair";
    HomeAdaptation => "适老化改造", "home adaptation";
    Wheelchair => "轮椅辅具", "wheelchair and aids";
    Cleaning => "家政保洁", "cleaning";
    Companionship => "陪伴慰藉", "companionship";
});

words!(PartnerKind {
    Unit => "驻区单位", "unit";
    Enterprise => "爱心企业", "enterprise";
    School => "学校", "school";
    Bank => "银行", "bank";
    Individual => "个人", "individual";
});

words!(PledgeStatus {
    Active => "进行中", "active";
    Fulfilled => "已兑现", "fulfilled";
    Cancelled => "已取消", "cancelled";
});

words!(Period {
    Month => "月", "month";
    Quarter => "季度", "quarter";
    Year => "年", "year";
});

words!(Direction {
    In => "收入", "in";
    Out => "支出", "out";
});

words!(MeetingKind {
    JointMeeting => "党建联席会议", "joint meeting";
    Consultation => "协商议事", "consultation";
});

words!(ActivityKind {
    Lecture => "讲座", "lecture";
    Class => "课堂", "class";
    HealthCheck => "健康体检", "health check";
    Donation => "捐赠", "donation";
    Repair => "维修", "repair";
    Duty => "值守", "on duty";
    Other => "其他", "other";
});

words!(Side {
    Community => "社区", "community";
    Partner => "共建单位", "partner";
});
