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

/// The enabled next-page href (HTML-unescaped), if any.
pub fn next_href(html: &str) -> Option<String> {
    let end = html.find("class=\"next-page\"")?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(
        html[start..end]
            .trim_end()
            .trim_end_matches('"')
            .replace("&amp;", "&"),
    )
}

/// The `Showing A to B of N` text, if any.
pub fn summary(html: &str) -> Option<String> {
    let marker = "<div class=\"pagination-summary\">";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find("</div>")? + start;
    Some(html[start..end].to_string())
}

/// The value of `input[name=limit]`.
pub fn shown_limit(html: &str) -> u32 {
    let marker = "name=\"limit\" tabindex=\"-1\" class=\"select-input-field\" value=\"";
    let start = html.find(marker).expect("page-size block") + marker.len();
    let end = html[start..].find('"').expect("quote") + start;
    html[start..end].parse().expect("number")
}
