//! The login page: its CSRF token and error block, and telling a login page from other pages.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::dom::text_of;
use super::{LoginPage, ParseError};

/// A selector compiled once; an invalid one (a bug) becomes a parse error, not a panic.
type LazySelector = LazyLock<Result<Selector, String>>;

macro_rules! selector {
    ($name:ident, $css:literal) => {
        static $name: LazySelector = LazyLock::new(|| {
            Selector::parse($css).map_err(|e| format!("selector `{}`: {e}", $css))
        });
    };
}

selector!(LOGIN_FORM, "form[name=login]");
selector!(PASSWORD_INPUT, "input[type=password]");
selector!(TOKEN_INPUT, "input[name=_token]");
selector!(ALERT, ".alert-danger");

fn compiled(selector: &'static LazySelector) -> Result<&'static Selector, ParseError> {
    selector
        .as_ref()
        .map_err(|e| ParseError::LayoutNotRecognised(format!("internal error: {e}")))
}

fn first<'a>(
    scope: ElementRef<'a>,
    selector: &'static LazySelector,
) -> Result<Option<ElementRef<'a>>, ParseError> {
    Ok(scope.select(compiled(selector)?).next())
}

/// The CSRF token of `form[name=login]` and the error block's text when shown.
pub fn parse_login_page(html: &str) -> Result<LoginPage, ParseError> {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let form = first(root, &LOGIN_FORM)?.ok_or_else(|| {
        ParseError::LayoutNotRecognised("login page without form[name=login]".into())
    })?;
    let csrf_token = first(form, &TOKEN_INPUT)?
        .and_then(|input| input.value().attr("value"))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| {
            ParseError::LayoutNotRecognised(
                "login form without a CSRF token (input[name=_token] value)".into(),
            )
        })?
        .to_owned();
    let error = first(root, &ALERT)?.and_then(text_of);
    Ok(LoginPage { csrf_token, error })
}

/// True for a page holding the login form (or any password field): the site asks to log in.
pub fn looks_like_login_page(html: &str) -> bool {
    // Cheap pre-check: a page that never says "login" or "password" cannot hold the form.
    if !contains_ignore_ascii_case(html, "login") && !contains_ignore_ascii_case(html, "password") {
        return false;
    }
    has_login_form(&Html::parse_document(html))
}

/// Whether the parsed page holds `form[name=login]` or a password field.
pub(super) fn has_login_form(doc: &Html) -> bool {
    [&LOGIN_FORM, &PASSWORD_INPUT]
        .into_iter()
        .any(|selector| compiled(selector).is_ok_and(|s| doc.select(s).next().is_some()))
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_compile() {
        for selector in [&LOGIN_FORM, &PASSWORD_INPUT, &TOKEN_INPUT, &ALERT] {
            assert!(compiled(selector).is_ok());
        }
    }

    #[test]
    fn case_insensitive_search() {
        assert!(contains_ignore_ascii_case("<FORM NAME=LOGIN>", "login"));
        assert!(!contains_ignore_ascii_case("<div>logout</div>", "login"));
        assert!(!contains_ignore_ascii_case("", "login"));
    }

    #[test]
    fn login_form_without_token_is_an_error() {
        let html = r#"<form name="login"><input name="_token" value=" "></form>"#;
        assert!(parse_login_page(html).is_err());
        assert!(parse_login_page("<p>hello</p>").is_err());
    }
}
