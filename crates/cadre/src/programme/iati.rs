//! What a funder's IATI publication needs beyond the results (`[iati]` of
//! `programme.toml`): where the programme works (recipient countries or
//! regions) and in which sectors, with the codes IATI's codelists use.
//!
//! Checked at load against each code's format (an ISO 3166-1 country code,
//! a DAC sector code of five digits, …) and against the IATI Standard's
//! rules on percentages (each between 0 and 100; with several, each has one
//! and they add up to 100), so that an export never publishes an activity
//! the IATI Validator refuses.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{DefinitionProblem, Error, Result};

/// `[iati]` of `programme.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IatiSettings {
    /// The countries that benefit, with their shares.
    #[serde(default, rename = "recipient_country")]
    pub recipient_countries: Vec<RecipientCountry>,
    /// The regions that benefit, with their shares.
    #[serde(default, rename = "recipient_region")]
    pub recipient_regions: Vec<RecipientRegion>,
    /// The sectors the programme works in, with their shares.
    #[serde(default, rename = "sector")]
    pub sectors: Vec<Sector>,
}

/// A recipient country: its ISO 3166-1 alpha-2 code (`SN`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientCountry {
    /// The code.
    pub code: String,
    /// Its share of the programme, in percent (needed with several).
    #[serde(default)]
    pub percentage: Option<f64>,
}

/// A recipient region, in a RegionVocabulary (`1`: OECD DAC, the default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientRegion {
    /// The code in the vocabulary (`298`: Africa, regional).
    pub code: String,
    /// The vocabulary's code.
    #[serde(default = "dac")]
    pub vocabulary: String,
    /// Its share of the programme, in percent (needed with several).
    #[serde(default)]
    pub percentage: Option<f64>,
}

/// A sector, in a SectorVocabulary (`1`: OECD DAC CRS purpose codes of five
/// digits, the default; `2`: DAC categories of three digits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// The code in the vocabulary (`14030`: basic drinking water supply).
    pub code: String,
    /// The vocabulary's code.
    #[serde(default = "dac")]
    pub vocabulary: String,
    /// Its share of the programme, in percent (needed with several in one vocabulary).
    #[serde(default)]
    pub percentage: Option<f64>,
}

fn dac() -> String {
    "1".to_owned()
}

/// Which list of `[iati]` an entry belongs to, as the definitions name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IatiList {
    /// `recipient_country`.
    RecipientCountry,
    /// `recipient_region`.
    RecipientRegion,
    /// `sector`.
    Sector,
}

impl IatiList {
    /// The key in `[iati]`.
    pub fn key(self) -> &'static str {
        match self {
            IatiList::RecipientCountry => "recipient_country",
            IatiList::RecipientRegion => "recipient_region",
            IatiList::Sector => "sector",
        }
    }
}

/// The form a code must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFormat {
    /// Two capital letters (ISO 3166-1 alpha-2).
    CountryCode,
    /// Exactly this many digits.
    Digits(usize),
    /// From one to this many digits.
    UpToDigits(usize),
    /// Not empty, no spaces (a vocabulary cadre does not know).
    NoSpaces,
}

impl CodeFormat {
    fn accepts(self, code: &str) -> bool {
        let digits = code.chars().all(|c| c.is_ascii_digit());
        match self {
            CodeFormat::CountryCode => {
                code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
            }
            CodeFormat::Digits(n) => digits && code.len() == n,
            CodeFormat::UpToDigits(n) => digits && (1..=n).contains(&code.len()),
            CodeFormat::NoSpaces => !code.is_empty() && !code.chars().any(char::is_whitespace),
        }
    }

    /// The format of a sector code in `vocabulary`.
    fn sector(vocabulary: &str) -> CodeFormat {
        match vocabulary {
            "1" => CodeFormat::Digits(5),
            "2" => CodeFormat::Digits(3),
            _ => CodeFormat::NoSpaces,
        }
    }

    /// The format of a region code in `vocabulary` (OECD DAC regions have
    /// two to four digits, UN M49 three).
    fn region(vocabulary: &str) -> CodeFormat {
        match vocabulary {
            "1" => CodeFormat::UpToDigits(4),
            "2" => CodeFormat::Digits(3),
            _ => CodeFormat::NoSpaces,
        }
    }
}

/// What is wrong in `[iati]`.
#[derive(Debug, Clone, PartialEq)]
pub enum IatiProblem {
    /// A code that does not have its list's (and vocabulary's) form.
    BadCode {
        /// The list.
        list: IatiList,
        /// The vocabulary, for sectors and regions.
        vocabulary: Option<String>,
        /// The code written.
        code: String,
        /// The form it must have.
        expected: CodeFormat,
    },
    /// A vocabulary code that is not a number (IATI's vocabularies are).
    BadVocabulary {
        /// The list.
        list: IatiList,
        /// What was written.
        vocabulary: String,
    },
    /// A percentage outside 0–100.
    PercentageOutOfRange {
        /// The list.
        list: IatiList,
        /// The value.
        percentage: f64,
    },
    /// Several entries sharing the programme, one without its percentage.
    PercentageMissing {
        /// The list.
        list: IatiList,
        /// The entry's code.
        code: String,
    },
    /// Several entries whose percentages do not add up to 100.
    PercentagesNotWhole {
        /// The lists shared (countries and regions share one whole).
        lists: Vec<IatiList>,
        /// Their sum.
        sum: f64,
    },
}

/// One entry, as the checks see it.
struct Entry<'a> {
    list: IatiList,
    index: usize,
    code: &'a str,
    vocabulary: Option<&'a str>,
    percentage: Option<f64>,
}

impl IatiSettings {
    fn entries(&self) -> Vec<Entry<'_>> {
        let countries = self
            .recipient_countries
            .iter()
            .enumerate()
            .map(|(index, c)| Entry {
                list: IatiList::RecipientCountry,
                index,
                code: &c.code,
                vocabulary: None,
                percentage: c.percentage,
            });
        let regions = self
            .recipient_regions
            .iter()
            .enumerate()
            .map(|(index, r)| Entry {
                list: IatiList::RecipientRegion,
                index,
                code: &r.code,
                vocabulary: Some(&r.vocabulary),
                percentage: r.percentage,
            });
        let sectors = self.sectors.iter().enumerate().map(|(index, s)| Entry {
            list: IatiList::Sector,
            index,
            code: &s.code,
            vocabulary: Some(&s.vocabulary),
            percentage: s.percentage,
        });
        countries.chain(regions).chain(sectors).collect()
    }

    /// Every code has its form and every percentage its range; the
    /// problem and the entry (list and position) it was found in.
    fn check_entries(&self) -> std::result::Result<(), (IatiProblem, IatiList, usize)> {
        for e in self.entries() {
            let at = |problem| (problem, e.list, e.index);
            if let Some(v) = e.vocabulary
                && !CodeFormat::UpToDigits(2).accepts(v)
            {
                return Err(at(IatiProblem::BadVocabulary {
                    list: e.list,
                    vocabulary: v.to_owned(),
                }));
            }
            let expected = match e.list {
                IatiList::RecipientCountry => CodeFormat::CountryCode,
                IatiList::RecipientRegion => CodeFormat::region(e.vocabulary.unwrap_or("1")),
                IatiList::Sector => CodeFormat::sector(e.vocabulary.unwrap_or("1")),
            };
            if !expected.accepts(e.code) {
                return Err(at(IatiProblem::BadCode {
                    list: e.list,
                    vocabulary: e.vocabulary.map(str::to_owned),
                    code: e.code.to_owned(),
                    expected,
                }));
            }
            if let Some(p) = e.percentage
                && !(0.0..=100.0).contains(&p)
            {
                return Err(at(IatiProblem::PercentageOutOfRange {
                    list: e.list,
                    percentage: p,
                }));
            }
        }
        Ok(())
    }

    /// Entries that share the programme: each has a percentage and they add
    /// up to 100 (IATI rules 3.1.1, 3.1.2, 3.4.2 for countries and regions
    /// together, 2.1.1 and 2.1.2 for sectors within a vocabulary).
    fn check_shares(&self) -> std::result::Result<(), (IatiProblem, IatiList, usize)> {
        let entries = self.entries();
        let places: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.list != IatiList::Sector)
            .collect();
        shares_whole(
            &places,
            vec![IatiList::RecipientCountry, IatiList::RecipientRegion],
        )?;
        let mut vocabularies: Vec<&str> = entries
            .iter()
            .filter(|e| e.list == IatiList::Sector)
            .filter_map(|e| e.vocabulary)
            .collect();
        vocabularies.sort_unstable();
        vocabularies.dedup();
        for v in vocabularies {
            let sectors: Vec<&Entry> = entries
                .iter()
                .filter(|e| e.list == IatiList::Sector && e.vocabulary == Some(v))
                .collect();
            shares_whole(&sectors, vec![IatiList::Sector])?;
        }
        Ok(())
    }

    /// Checks `[iati]`, read from `path`: a problem names the line of the
    /// entry it was found in.
    pub(crate) fn check(&self, path: &Path) -> Result<()> {
        let Err((problem, list, index)) = self.check_entries().and_then(|()| self.check_shares())
        else {
            return Ok(());
        };
        let line = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| entry_line(&text, list.key(), index));
        Err(Error::Definition {
            path: path.to_path_buf(),
            line,
            problem: Box::new(DefinitionProblem::Iati(problem)),
        })
    }
}

fn shares_whole(
    entries: &[&Entry],
    lists: Vec<IatiList>,
) -> std::result::Result<(), (IatiProblem, IatiList, usize)> {
    if entries.len() < 2 {
        return Ok(());
    }
    if let Some(e) = entries.iter().find(|e| e.percentage.is_none()) {
        return Err((
            IatiProblem::PercentageMissing {
                list: e.list,
                code: e.code.to_owned(),
            },
            e.list,
            e.index,
        ));
    }
    let sum: f64 = entries.iter().filter_map(|e| e.percentage).sum();
    // The Validator compares sums rounded to four decimals.
    if ((sum * 1e4).round() / 1e4 - 100.0).abs() > f64::EPSILON {
        let first = entries[0];
        return Err((
            IatiProblem::PercentagesNotWhole { lists, sum },
            first.list,
            first.index,
        ));
    }
    Ok(())
}

/// The line of the `index`th entry of `[iati]`'s `key` list (its `code`),
/// from the TOML parser's spans.
fn entry_line(text: &str, key: &str, index: usize) -> Option<usize> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let toml::de::DeValue::Table(iati) = doc.get_ref().get("iati")?.get_ref() else {
        return None;
    };
    let toml::de::DeValue::Array(entries) = iati.get(key)?.get_ref() else {
        return None;
    };
    let entry = entries.get(index)?;
    let start = match entry.get_ref() {
        toml::de::DeValue::Table(t) => t.get("code").map_or(entry.span().start, |c| c.span().start),
        _ => entry.span().start,
    };
    Some(text[..start.min(text.len())].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml_text: &str) -> IatiSettings {
        #[derive(Deserialize)]
        struct File {
            iati: IatiSettings,
        }
        toml::from_str::<File>(toml_text).unwrap().iati
    }

    fn problem(toml_text: &str) -> (IatiProblem, Option<usize>) {
        let dir = std::env::temp_dir().join(format!(
            "cadre-iati-{}-{}",
            std::process::id(),
            toml_text.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("programme.toml");
        std::fs::write(&path, toml_text).unwrap();
        let err = settings(toml_text).check(&path).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        match err {
            Error::Definition {
                path: p,
                line,
                problem,
            } => {
                assert_eq!(p, path);
                match *problem {
                    DefinitionProblem::Iati(problem) => (problem, line),
                    other => panic!("{other:?}"),
                }
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn accepts_declared_countries_regions_and_sectors() {
        let s = settings(
            r#"[iati]
recipient_country = [{ code = "SN", percentage = 60 }, { code = "ML", percentage = 25 }]
recipient_region = [{ code = "298", percentage = 15 }]
sector = [{ code = "14030" }, { vocabulary = "2", code = "140" }, { vocabulary = "99", code = "WASH-1" }]
"#,
        );
        s.check(Path::new("unused.toml")).unwrap();
        assert_eq!(s.sectors[0].vocabulary, "1");
    }

    #[test]
    fn refuses_a_malformed_code_with_its_line() {
        let (p, line) =
            problem("[iati]\nsector = [\n  { code = \"14030\" },\n  { code = \"1403\" },\n]\n");
        assert_eq!(
            p,
            IatiProblem::BadCode {
                list: IatiList::Sector,
                vocabulary: Some("1".into()),
                code: "1403".into(),
                expected: CodeFormat::Digits(5),
            }
        );
        assert_eq!(line, Some(4));
        let (p, line) = problem("[iati]\n\n[[iati.recipient_country]]\ncode = \"sn\"\n");
        assert!(matches!(
            p,
            IatiProblem::BadCode {
                expected: CodeFormat::CountryCode,
                ..
            }
        ));
        assert_eq!(line, Some(4));
        let (p, _) = problem("[iati]\nsector = [{ vocabulary = \"DAC\", code = \"14030\" }]\n");
        assert!(matches!(p, IatiProblem::BadVocabulary { .. }));
    }

    #[test]
    fn refuses_shares_that_do_not_make_a_whole() {
        let (p, line) = problem(
            "[iati]\nrecipient_country = [{ code = \"SN\", percentage = 60 }]\nrecipient_region = [{ code = \"298\", percentage = 30 }]\n",
        );
        assert_eq!(
            p,
            IatiProblem::PercentagesNotWhole {
                lists: vec![IatiList::RecipientCountry, IatiList::RecipientRegion],
                sum: 90.0
            }
        );
        assert_eq!(line, Some(2));
        let (p, _) = problem(
            "[iati]\nrecipient_country = [{ code = \"SN\", percentage = 60 }, { code = \"ML\" }]\n",
        );
        assert_eq!(
            p,
            IatiProblem::PercentageMissing {
                list: IatiList::RecipientCountry,
                code: "ML".into()
            }
        );
        let (p, _) = problem("[iati]\nsector = [{ code = \"14030\", percentage = 120 }]\n");
        assert!(matches!(p, IatiProblem::PercentageOutOfRange { .. }));
        // Sectors add up within their vocabulary, not across vocabularies.
        settings(
            "[iati]\nsector = [{ code = \"14030\", percentage = 50 }, { code = \"14031\", percentage = 50 }, { vocabulary = \"2\", code = \"140\" }]\n",
        )
        .check(Path::new("unused.toml"))
        .unwrap();
    }
}
