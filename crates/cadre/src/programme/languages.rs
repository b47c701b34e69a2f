//! The programme's languages, read before anything else: every message of a
//! load, even one about a broken file, is written in the programme's first
//! language, so that an English-only programme's first error is in English.

use std::path::Path;

use serde::Deserialize;

use crate::messages::Lang;

/// The first language `programme.toml` declares that cadre speaks, read
/// from that file alone; `None` when the file cannot be read or declares
/// none (the full load then says why).
///
/// The file is parsed whole first; when it is not valid TOML (the very
/// error to report), the `languages = [...]` line of its `[programme]`
/// table is read by itself, so that a typo elsewhere in the file is still
/// reported in the programme's language.
pub(crate) fn declared(dir: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(dir.join("programme.toml")).ok()?;
    let codes = whole_file(&text).or_else(|| languages_line(&text))?;
    codes.iter().find_map(|c| Lang::from_code(c))
}

/// The languages of a well-formed `programme.toml`, ignoring every other key.
fn whole_file(text: &str) -> Option<Vec<String>> {
    #[derive(Deserialize)]
    struct Head {
        programme: Languages,
    }
    let head: Head = toml::from_str(text).ok()?;
    Some(head.programme.languages)
}

#[derive(Deserialize)]
struct Languages {
    languages: Vec<String>,
}

/// The `languages` line of the `[programme]` table, parsed by itself.
fn languages_line(text: &str) -> Option<Vec<String>> {
    let mut in_programme = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_programme = line == "[programme]";
        } else if in_programme
            && line.starts_with("languages")
            && let Ok(l) = toml::from_str::<Languages>(line)
        {
            return Some(l.languages);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared_in(text: &str) -> Option<Lang> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("programme.toml"), text).unwrap();
        declared(dir.path())
    }

    #[test]
    fn the_first_language_cadre_speaks_is_the_programmes() {
        let text = "[programme]\ncode = \"x\"\nlanguages = [\"en\", \"fr\"]\n";
        assert_eq!(declared_in(text), Some(Lang::En));
        let text = "[programme]\nlanguages = [\"de\", \"fr\"]\n";
        assert_eq!(declared_in(text), Some(Lang::Fr));
    }

    #[test]
    fn a_syntax_error_elsewhere_in_the_file_leaves_the_language_readable() {
        let text = "[programme]\ncode = \"x\nlanguages = [\"en\"]\nstart = 2024-13-45\n\n[[result]]\nlanguages = [\"fr\"]\n";
        assert_eq!(declared_in(text), Some(Lang::En));
    }

    #[test]
    fn no_programme_file_or_no_languages_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(declared(dir.path()), None);
        assert_eq!(declared_in("[programme]\ncode = \"x\"\n"), None);
        assert_eq!(declared_in("[result]\nlanguages = [\"en\"]\n"), None);
    }
}
