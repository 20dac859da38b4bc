//! Helpers shared by the sim's integration tests: a cookie-keeping client that does not follow
//! redirects, the login dance, and string probes into the rendered pages.
#![allow(dead_code)]

use fossa_sim::{list_path, SimOptions, SimServer, TECH_FILTER};
use reqwest::{Client, Response, StatusCode};
use url::Url;

pub const EMAIL: &str = "tech@example.com";
pub const PASSWORD: &str = "demo-password";

pub async fn server() -> SimServer {
    server_with(SimOptions::default()).await
}

pub async fn server_with(opts: SimOptions) -> SimServer {
    fossa_sim::start(opts).await.expect("sim starts")
}

/// Keeps cookies, never follows redirects (tests look at them).
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub fn url(base: &Url, path: &str) -> Url {
    base.join(path).expect("joinable path")
}

/// The `_token` value of a login form.
pub fn token(html: &str) -> String {
    let marker = "name=\"_token\" value=\"";
    let start = html.find(marker).expect("login form has a _token") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_string()
}

/// GET /login, then POST the form; returns the POST's response.
pub async fn login_with(client: &Client, base: &Url, email: &str, password: &str) -> Response {
    let form = client
        .get(url(base, "/login"))
        .send()
        .await
        .expect("GET /login");
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.expect("login page body");
    let token = token(&html);
    client
        .post(url(base, "/login"))
        .form(&[
            ("_token", token.as_str()),
            ("email", email),
            ("password", password),
            ("remember", "1"),
        ])
        .send()
        .await
        .expect("POST /login")
}

/// Logs in with the default credentials and checks it worked.
pub async fn login(client: &Client, base: &Url) {
    let response = login_with(client, base, EMAIL, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/app/dashboard"));
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .expect("Location header")
        .to_str()
        .expect("ASCII location")
        .to_string()
}

/// `/app/work/list` with the technicians' filter.
pub fn list_url(base: &Url, page: u32, limit: u32) -> Url {
    url(
        base,
        &list_path(Some(TECH_FILTER), Some("asc"), page, limit),
    )
}

pub async fn get_page(client: &Client, url: Url) -> (StatusCode, String) {
    let response = client.get(url).send().await.expect("request");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// The numbers of the `div.work-list-item` rows, in page order.
pub fn row_numbers(html: &str) -> Vec<i64> {
    let marker = "work-list-item w-";
    html.match_indices(marker)
        .map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().expect("row number")
        })
        .collect()
}

/// The list's paginator block: from `div.paginator-wrapper` to the page-size drop-down.
pub fn list_paginator(html: &str) -> &str {
    let start = html
        .find("<div class=\"paginator-wrapper\"")
        .expect("div.paginator-wrapper");
    let end = html[start..]
        .find("<div class=\"ks-select mb-0\"")
        .expect("page-size drop-down after the paginator")
        + start;
    &html[start..end]
}

/// The `class` of the list paginator's `a.<which>` link (`prev-page` or `next-page`).
pub fn link_class(html: &str, which: &str) -> String {
    let block = list_paginator(html);
    let marker = format!("<a class=\"{which}");
    let start = block.find(&marker).expect("paginator link") + "<a class=\"".len();
    let end = block[start..].find('"').expect("quote") + start;
    block[start..end].to_string()
}

/// Whether the list paginator's next-page link is disabled.
pub fn next_disabled(html: &str) -> bool {
    link_class(html, "next-page").ends_with(" disabled")
}

/// Whether the list paginator's prev-page link is disabled.
pub fn prev_disabled(html: &str) -> bool {
    link_class(html, "prev-page").ends_with(" disabled")
}

/// The length-aware paginator's `N matches` count, if shown.
pub fn matches_count(html: &str) -> Option<usize> {
    let marker = "<div class=\"text-right muted text-sm ks-padding-fix\">";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find("</div>")? + start;
    let text = html[start..end].trim();
    text.strip_suffix(" matches")?.parse().ok()
}

/// The page size the page-size drop-down shows (`Show N`).
pub fn shown_limit(html: &str) -> u32 {
    let marker =
        "<input class=\"select-input-field\" name=\"limit\" tabindex=\"-1\" type=\"text\"/> \
                  <div class=\"ks-select-selection\">";
    let start = html.find(marker).expect("page-size block") + marker.len();
    let end = html[start..].find("<!--").expect("selection text") + start;
    html[start..end]
        .trim()
        .strip_prefix("Show ")
        .expect("Show N")
        .parse()
        .expect("number")
}
