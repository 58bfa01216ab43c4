//! One file per pane. Each pane owns its state, an `update` for its actions and a `render`
//! that draws by reference.

pub mod cases;
pub mod grids;
pub mod list;
pub mod register;
pub mod roll_call;
pub mod summary;
