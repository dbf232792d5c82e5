// The registry lives in another crate of the application (tests/app-cookies).
use app_cookies::AppCookies;

fn main() {
    let _ = AppCookies!("__host-sid").cookie("x");
}
