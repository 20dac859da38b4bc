//! The login page: its CSRF token and error block, and telling a login page from other pages.

use super::dom::parse_document;
use super::dom::{text_of, NodeRef};
use super::{LoginPage, ParseError};

/// `form[name=login]` or `input[type=password]`: the marks of a page that asks to log in.
pub(super) fn is_login_field(node: NodeRef<'_>) -> bool {
    match node.name() {
        Some("form") => node.attr("name") == Some("login"),
        Some("input") => node
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("password")),
        _ => false,
    }
}

/// The first element under `scope` (itself included) for which `test` holds.
fn first<'a>(scope: NodeRef<'a>, test: impl Fn(NodeRef<'a>) -> bool) -> Option<NodeRef<'a>> {
    scope.descendants().find(|n| n.is_element() && test(*n))
}

/// The CSRF token of `form[name=login]` and the error block's text when shown.
pub fn parse_login_page(html: &str) -> Result<LoginPage, ParseError> {
    let doc = parse_document(html);
    let root = NodeRef::root(&doc);
    let form = first(root, |n| {
        n.name() == Some("form") && n.attr("name") == Some("login")
    })
    .ok_or_else(|| ParseError::LayoutNotRecognised("login page without form[name=login]".into()))?;
    let csrf_token = first(form, |n| {
        n.name() == Some("input") && n.attr("name") == Some("_token")
    })
    .and_then(|input| input.attr("value"))
    .map(str::trim)
    .filter(|token| !token.is_empty())
    .ok_or_else(|| {
        ParseError::LayoutNotRecognised(
            "login form without a CSRF token (input[name=_token] value)".into(),
        )
    })?
    .to_owned();
    let error = first(root, |n| n.has_class("alert-danger")).and_then(text_of);
    Ok(LoginPage { csrf_token, error })
}

/// True for a page holding the login form (or any password field): the site asks to log in.
pub fn looks_like_login_page(html: &str) -> bool {
    // Cheap pre-check: a page that never says "login" or "password" cannot hold the form.
    if !contains_ignore_ascii_case(html, "login") && !contains_ignore_ascii_case(html, "password") {
        return false;
    }
    let doc = parse_document(html);
    let found = NodeRef::root(&doc).descendants().any(is_login_field);
    found
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
    fn login_fields() {
        assert!(looks_like_login_page(r#"<form name="login"></form>"#));
        assert!(looks_like_login_page(
            r#"<p><input type="PASSWORD" name=p></p>"#
        ));
        assert!(!looks_like_login_page(r#"<a href="/login">Log in</a>"#));
        assert!(!looks_like_login_page(
            r#"<script>"<form name=login>"</script>"#
        ));
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
