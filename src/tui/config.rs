//! What the TUI remembers between sessions: the language and the recent surveys, in a small
//! TOML file in the user's config folder (`~/.config/beltscope/config.toml` on Linux), written
//! atomically so a crash never leaves half a file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// How many recent surveys are kept.
const RECENT: usize = 8;

/// The remembered settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Config {
    /// `en` or `zh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Absolute paths, newest first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
}

impl Config {
    /// The remembered language, if any.
    pub fn lang(&self) -> Option<Lang> {
        match self.lang.as_deref() {
            Some("zh") => Some(Lang::Zh),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
}

/// The config file: `$BELTSCOPE_CONFIG_DIR/config.toml`, else the platform's config folder.
pub fn config_file() -> Option<PathBuf> {
    let dir = match std::env::var_os("BELTSCOPE_CONFIG_DIR") {
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("", "", "beltscope")?
            .config_dir()
            .to_path_buf(),
    };
    Some(dir.join("config.toml"))
}

/// The config as stored; a missing or unreadable file is an empty config (nothing to lose).
pub fn load(file: &Path) -> Config {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the config atomically, creating its folder.
pub fn save(file: &Path, c: &Config) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = toml::to_string(c).map_err(std::io::Error::other)?;
    crate::files::write_atomic(file, text.as_bytes())
}

/// Puts `p` first in the recent list.
pub fn remember_survey(file: &Path, p: &Path) -> std::io::Result<()> {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut c = load(file);
    c.recent.retain(|x| *x != abs);
    c.recent.insert(0, abs);
    c.recent.truncate(RECENT);
    save(file, &c)
}

/// Remembers the language chosen with `L`.
pub fn remember_lang(file: &Path, lang: Lang) -> std::io::Result<()> {
    let mut c = load(file);
    c.lang = Some(
        match lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
        .into(),
    );
    save(file, &c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_recent_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/config.toml");
        assert_eq!(load(&file), Config::default());
        remember_survey(&file, Path::new("/a.toml")).unwrap();
        remember_survey(&file, Path::new("/b.toml")).unwrap();
        remember_survey(&file, Path::new("/a.toml")).unwrap();
        remember_lang(&file, Lang::Zh).unwrap();
        let c = load(&file);
        assert_eq!(c.lang(), Some(Lang::Zh));
        assert_eq!(
            c.recent,
            [PathBuf::from("/a.toml"), PathBuf::from("/b.toml")]
        );
        std::fs::write(&file, "not toml [").unwrap();
        assert_eq!(load(&file), Config::default());
    }

    /// The folder follows `HOME`/`XDG_CONFIG_HOME`: checked in a child process with a temporary
    /// home, so this process's environment is never changed.
    #[test]
    fn lives_in_the_users_config_folder() {
        if let Some(want) = std::env::var_os("BELTSCOPE_CONFIG_CHILD") {
            let file = config_file().unwrap();
            assert!(file.starts_with(&want), "{}", file.display());
            remember_lang(&file, Lang::Zh).unwrap();
            return;
        }
        let home = tempfile::tempdir().unwrap();
        let xdg = home.path().join("cfg");
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tui::config::tests::lives_in_the_users_config_folder",
            ])
            .env_remove("BELTSCOPE_CONFIG_DIR")
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", &xdg)
            .env("BELTSCOPE_CONFIG_CHILD", &xdg)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let c = load(&xdg.join("beltscope/config.toml"));
        assert_eq!(c.lang(), Some(Lang::Zh));
    }
}
