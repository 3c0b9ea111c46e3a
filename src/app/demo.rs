//! The bundled demo journey, also embedded in the binary for installs without the repository.

use std::path::{Path, PathBuf};

use crate::i18n::Msg;
use crate::i18n::{ConsoleMsg, FileMsg};
use crate::plan::PLAN_FILE;

/// Where the demo lives in a clone of the repository.
pub const DEMO_DIR: &str = "sessions/digitaljourney-2022";
const DEMO_PLAN: &str = include_str!("../../sessions/digitaljourney-2022/journey.toml");

/// The demo journey's directory: the repository's when run from a clone,
/// otherwise a copy unpacked into the user's data directory (and a message saying so).
pub fn demo_journey() -> Result<(PathBuf, Option<Msg>), Msg> {
    let local = Path::new(DEMO_DIR);
    if local.join(PLAN_FILE).is_file() {
        return Ok((local.to_path_buf(), None));
    }
    let data = crate::platform::data_dir::moderato_data_dir().join("digitaljourney-2022");
    let plan = data.join(PLAN_FILE);
    if plan.is_file() {
        return Ok((data, None));
    }
    let cannot = |err: std::io::Error| {
        Msg::Files(FileMsg::CannotWrite { path: plan.display().to_string(), reason: err.to_string() })
    };
    std::fs::create_dir_all(&data).map_err(cannot)?;
    std::fs::write(&plan, DEMO_PLAN).map_err(cannot)?;
    Ok((data.clone(), Some(Msg::Console(ConsoleMsg::DemoUnpacked { path: data.display().to_string() }))))
}
