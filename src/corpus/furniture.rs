//! Site furniture learned from the corpus itself: a line that repeats
//! across many pages of the same site (navigation, footers, related-story
//! blocks, © lines) is not article text. A site is the host of a page's url,
//! or its directory when it has none. Pages are compared in the groups the
//! loading pipeline reads together (up to a few hundred pages of a
//! directory), so learning never holds the whole corpus.

use super::clean::LearnedRules;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::path::Path;

/// A line's key: a hash of the line trimmed. Two different lines sharing a
/// key (one chance in 2^64 per pair) would only make a line be counted
/// with another.
pub fn line_key(line: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0x5a41_4946).hash_one(line.trim())
}

/// The site a page belongs to: its url's host, else its directory.
pub fn site_of(url: Option<&str>, path: &Path) -> String {
    if let Some(host) = url.and_then(host_of) {
        return host;
    }
    path.parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default()
}

/// `example.com` from `https://www.Example.com:8080/a/b` (lower case,
/// without `www.`).
fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// One page as the learning sees it: its site and the keys of its lines.
pub struct PageLines<'a> {
    pub site: &'a str,
    pub keys: &'a [u64],
}

/// The lines learned to be furniture, by site.
#[derive(Debug, Default)]
pub struct Furniture {
    by_site: HashMap<String, HashSet<u64>>,
}

impl Furniture {
    /// Learns from `pages`: a line is furniture of its site when it is in
    /// at least `min_pages` of the site's pages and at least `min_share` of
    /// them (a line counts once per page).
    pub fn learn<'a>(pages: impl IntoIterator<Item = PageLines<'a>>, rules: &LearnedRules) -> Self {
        let mut sites: HashMap<&str, (usize, HashMap<u64, usize>)> = HashMap::new();
        for page in pages {
            let (count, lines) = sites.entry(page.site).or_default();
            *count += 1;
            let distinct: HashSet<&u64> = page.keys.iter().collect();
            for key in distinct {
                *lines.entry(*key).or_default() += 1;
            }
        }
        let mut by_site = HashMap::new();
        for (site, (pages, lines)) in sites {
            let needed = rules
                .min_pages
                .max((rules.min_share * pages as f64).ceil() as usize);
            let furniture: HashSet<u64> = lines
                .into_iter()
                .filter(|&(_, n)| n >= needed)
                .map(|(key, _)| key)
                .collect();
            if !furniture.is_empty() {
                by_site.insert(site.to_string(), furniture);
            }
        }
        Furniture { by_site }
    }

    /// Is `line` (of a page of `site`) furniture?
    pub fn holds(&self, site: &str, line: &str) -> bool {
        self.by_site
            .get(site)
            .is_some_and(|lines| lines.contains(&line_key(line)))
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.by_site.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learn(pages: &[(&str, Vec<&str>)]) -> Furniture {
        let keys: Vec<(&str, Vec<u64>)> = pages
            .iter()
            .map(|(site, lines)| (*site, lines.iter().map(|l| line_key(l)).collect()))
            .collect();
        Furniture::learn(
            keys.iter().map(|(site, keys)| PageLines { site, keys }),
            &LearnedRules::default(),
        )
    }

    #[test]
    fn three_of_five_pages_is_furniture() {
        let mut pages: Vec<(&str, Vec<&str>)> = Vec::new();
        for i in 0..5 {
            let mut lines = vec!["خبر رقم", ["أ", "ب", "ج", "د", "ه"][i]];
            if i < 3 {
                lines.push("الرئيسية  ");
            }
            pages.push(("a.example", lines));
        }
        let f = learn(&pages);
        assert!(f.holds("a.example", "الرئيسية"));
        assert!(f.holds("a.example", "خبر رقم"));
        assert!(!f.holds("a.example", "أ"));
        assert!(
            !f.holds("b.example", "الرئيسية"),
            "another site learns nothing"
        );
    }

    #[test]
    fn a_phrase_in_two_of_a_thousand_is_not() {
        let mut pages: Vec<(&str, Vec<&str>)> = Vec::new();
        for i in 0..1000 {
            let mut lines = vec!["© الموقع 2024"];
            if i % 500 == 0 {
                lines.push("وقال المتحدث باسم الوزارة");
            }
            if i % 4 == 0 {
                lines.push("سطر في ربع الصفحات");
            }
            pages.push(("site", lines));
        }
        let f = learn(&pages);
        assert!(f.holds("site", "© الموقع 2024"));
        assert!(!f.holds("site", "وقال المتحدث باسم الوزارة"));
        assert!(!f.holds("site", "سطر في ربع الصفحات"));
    }

    #[test]
    fn two_pages_teach_nothing() {
        let f = learn(&[("s", vec!["x"]), ("s", vec!["x"])]);
        assert!(f.is_empty());
    }

    #[test]
    fn sites_are_hosts_or_directories() {
        let p = Path::new("/c/aljazeera/a.html");
        assert_eq!(
            site_of(Some("https://www.Aljazeera.net:443/news/1"), p),
            "aljazeera.net"
        );
        assert_eq!(site_of(Some("not a url"), p), "/c/aljazeera");
        assert_eq!(site_of(None, p), "/c/aljazeera");
    }
}
