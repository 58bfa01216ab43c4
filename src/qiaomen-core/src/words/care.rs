//! Words of people and care: roles, volunteer teams, services, pairings, contacts.

use super::words;
use crate::care::{ContactBy, Pairing, ServiceKind, TeamKind};
use crate::model::Role;

words!(Role {
    Steward => "网格管家", "steward";
    BuildingHead => "楼栋长", "building head";
    Cadre => "党员干部", "cadre";
    PartyVolunteer => "党员志愿者", "party volunteer";
    Volunteer => "志愿者", "volunteer";
    CaringNeighbour => "爱心邻居", "caring neighbour";
    Worker => "社区工作者", "community worker";
    Admin => "管理员", "admin";
});

words!(TeamKind {
    Residents => "居民志愿队", "residents' team";
    Young => "青年志愿者队", "young volunteers";
    Party => "党员志愿队", "party volunteers";
    Other => "其他志愿队", "other team";
});

words!(ServiceKind {
    Cleaning => "打扫卫生", "cleaning";
    Company => "陪伴聊天", "keeping company";
    Medical => "医疗帮扶", "medical help";
    Counselling => "心理护航", "counselling";
    Tutoring => "四点半课堂", "tutoring";
    HealthCheck => "上门健康检查", "health check";
    Other => "其他服务", "other service";
});

words!(Pairing {
    OneToOne => "一对一", "one-to-one";
    ManyToOne => "多对一", "many-to-one";
});

words!(ContactBy {
    Visit => "走访", "visit";
    Service => "服务", "service";
});
