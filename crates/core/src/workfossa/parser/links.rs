//! Row links: what a link points to (from its path), joining hrefs on the site root, and the
//! numbers in link paths.

use url::Url;

use super::dom::NodeRef;

/// What a link in a row points to, from its `href` path.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum LinkKind {
    /// `/app/work/<number>/`.
    Work,
    /// `/app/work/<number>/visits/<id>/`.
    Visit,
    /// `/app/customers/locations/<id>/`.
    Location,
    /// `/app/customers/<id>/`.
    Customer,
    Other,
}

/// The path of a URL or href: no scheme and host, query or fragment.
fn url_path(href: &str) -> &str {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    match path.find("://") {
        Some(at) => path[at + 3..].find('/').map_or("", |p| &path[at + 3 + p..]),
        None => path,
    }
}

pub(super) fn link_kind(href: &str) -> LinkKind {
    let path = url_path(href);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let numeric = |s: &&str| s.bytes().all(|b| b.is_ascii_digit());
    match segments
        .iter()
        .position(|s| *s == "work" || *s == "customers")
    {
        Some(at) => match &segments[at..] {
            ["work", n] if numeric(n) => LinkKind::Work,
            ["work", n, "visits", v] if numeric(n) && numeric(v) => LinkKind::Visit,
            ["customers", "locations", n] if numeric(n) => LinkKind::Location,
            ["customers", n] if numeric(n) => LinkKind::Customer,
            _ => LinkKind::Other,
        },
        None => LinkKind::Other,
    }
}

/// Joins links on the site root: a plain absolute path (the usual `/app/work/129651/`) is
/// appended to the origin without a URL parse; anything else goes through [`Url::join`].
pub(super) struct SiteRoot<'u> {
    base: &'u Url,
    /// `https://app.workfossa.com` (scheme, user info, host and port: everything before the path).
    origin: &'u str,
}

impl<'u> SiteRoot<'u> {
    pub(super) fn new(base: &'u Url) -> Self {
        let special = matches!(base.scheme(), "http" | "https") && base.has_host();
        let origin = if special {
            &base[..url::Position::BeforePath]
        } else {
            ""
        };
        SiteRoot { base, origin }
    }

    fn join_href(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if !self.origin.is_empty() && is_plain_path(href) {
            return Some(format!("{}{href}", self.origin));
        }
        self.base.join(href).ok().map(String::from)
    }

    /// `href` of a link joined on the site root.
    pub(super) fn join(&self, a: NodeRef<'_>) -> Option<String> {
        self.join_href(a.attr("href")?)
    }
}

/// `/app/work/129651/`: an absolute path of plain characters that `Url::join` would keep as is.
fn is_plain_path(href: &str) -> bool {
    href.starts_with('/')
        && !href.starts_with("//")
        && !href.contains("/.")
        && href
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
}

/// The number in the path segment after `segment` (`/app/customers/locations/46769/` -> 46769).
pub(super) fn number_after(url: &str, segment: &str) -> Option<i64> {
    let mut segments = url_path(url).split('/');
    segments.find(|s| *s == segment)?;
    segments.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_kinds() {
        assert_eq!(link_kind("/app/work/129651/"), LinkKind::Work);
        assert_eq!(
            link_kind("https://app.workfossa.com/app/work/129651"),
            LinkKind::Work
        );
        assert_eq!(
            link_kind("/app/work/129651/visits/131650/"),
            LinkKind::Visit
        );
        assert_eq!(
            link_kind("/app/customers/locations/46769/?tab=equipment"),
            LinkKind::Location
        );
        assert_eq!(
            link_kind("http://127.0.0.1:8080/app/customers/11811/"),
            LinkKind::Customer
        );
        assert_eq!(link_kind("/app/work/list?page=2"), LinkKind::Other);
        assert_eq!(link_kind("#"), LinkKind::Other);
    }

    #[test]
    fn site_root_joins_like_url_join() {
        let hrefs = [
            "/app/work/129651/",
            " /app/customers/locations/46769/ ",
            "/app/work/list?page=2&limit=25",
            "/app/./work/../x",
            "//other.example/app",
            "https://elsewhere.example/a b",
            "relative/path",
            "/café/é",
            "#",
        ];
        for base in [
            "https://app.workfossa.com",
            "http://127.0.0.1:8080/",
            "http://u:p@h:1/x/y",
        ] {
            let base = Url::parse(base).unwrap();
            let root = SiteRoot::new(&base);
            for href in hrefs {
                let expected = base.join(href.trim()).ok().map(String::from);
                assert_eq!(root.join_href(href), expected, "{base} + {href}");
            }
        }
    }

    #[test]
    fn numbers_from_urls() {
        let url = "https://app.workfossa.com/app/customers/locations/46769/";
        assert_eq!(number_after(url, "locations"), Some(46769));
        assert_eq!(
            number_after("/app/work/1/visits/131650/?x=1", "visits"),
            Some(131650)
        );
        assert_eq!(number_after("/app/work/list", "work"), None);
    }
}
