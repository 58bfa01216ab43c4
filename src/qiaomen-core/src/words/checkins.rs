//! Words of the daily check-in: outcomes, methods, why an elder needs attention.

use super::words;
use crate::model::{Method, Outcome};
use crate::rollcall::Attention;

words!(Outcome {
    Ok => "平安", "ok";
    Unwell => "身体不适", "unwell";
    NoAnswer => "未接通", "no answer";
    NeedsHelp => "需要帮助", "needs help";
    Away => "外出", "away";
});

words!(Method {
    Phone => "电话", "phone";
    Visit => "上门", "visit";
    Doorbell => "门铃", "doorbell";
    Neighbour => "邻居", "neighbour";
    Contact => "紧急联系人", "contact";
});

words!(Attention {
    MissedTwoDays => "连续两天未联系", "not reached two days running";
    NeedsHelp => "需要帮助", "needs help";
    Unwell => "身体不适", "unwell";
    NoAnswerRepeated => "多次未接通", "no answer, retries used up";
    NotReachedAfterCutoff => "过了截止仍未联系", "not reached by the cutoff";
});
