//! The small pages (login, dashboard, errors) and the shared page frame and HTML escaping.

use url::Url;

/// The error block text after rejected credentials.
pub const BAD_CREDENTIALS: &str = "These credentials do not match our records.";

/// Closes what [`page_head`] opened.
pub(crate) const PAGE_TAIL: &str = "</div></body></html>";

/// HTML-escapes text for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Document start, `<head>` and the app's sidebar, as on the real site's app pages.
pub(crate) fn page_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} | WorkFossa</title>\n\
         <meta name=\"csrf-token\" content=\"sim-token\"></head><body class=\"app\"><div id=\"app\" data-v-app>\n\
         <nav id=\"sidebar\"><a href=\"/app/dashboard/\">Dashboard</a><a href=\"/app/customers/\">Customers</a>\
         <a href=\"/app/work/list\">Work</a><a href=\"/app/work/visits\">Visits</a></nav>\n",
        escape(title)
    )
}

/// The login page: the form posting to `<base>/login` with the CSRF `token`, and the error
/// block when `error` is given (e.g. [`BAD_CREDENTIALS`]).
pub fn render_login_page(base: &Url, token: &str, error: Option<&str>) -> String {
    let action = base
        .join("/login")
        .map(String::from)
        .unwrap_or_else(|_| "/login".to_string());
    let alert = error
        .map(|e| format!("<div class=\"alert alert-danger\">{}</div>", escape(e)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Log In | WorkFossa</title></head><body class=\"login\">\n\
         <div class=\"login-box\">{alert}<form name=\"login\" method=\"post\" action=\"{}\" class=\"login-form\">\n\
         <input type=\"hidden\" name=\"_token\" value=\"{}\">\n\
         <div class=\"field\"><input type=\"email\" name=\"email\" placeholder=\"Your Email\" required></div>\n\
         <div class=\"field\"><input type=\"password\" name=\"password\" placeholder=\"Password\" required></div>\n\
         <label><input type=\"checkbox\" name=\"remember\" value=\"1\" checked> Remember me</label>\n\
         <input type=\"submit\" value=\"Log In\" class=\"button\"></form>\n\
         <a href=\"/passwords/reset\">Forgot Password?</a> <a href=\"/sso\">SSO Login</a></div></body></html>",
        escape(&action),
        escape(token)
    )
}

/// The page a logged-in user lands on.
pub fn render_dashboard(open_work_orders: usize) -> String {
    format!(
        "{}<main class=\"content\"><h1 class=\"heading-label\"><ul class=\"breadcrumb\"><li>Dashboard</li></ul></h1>\
         <div class=\"dashboard-card\"><a href=\"/app/work/list\">{open_work_orders} open work orders</a></div>\
         </main>{PAGE_TAIL}",
        page_head("Dashboard")
    )
}

/// Laravel's answer to a stale or missing CSRF token (status 419).
pub(crate) fn render_page_expired() -> String {
    simple_page("Page Expired", "419 | Page Expired")
}

/// A bare error page.
pub(crate) fn simple_page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body><div class=\"message\">{}</div></body></html>",
        escape(title),
        escape(message)
    )
}
