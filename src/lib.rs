//! The workspace's own package: it owns the runnable examples (`examples/`)
//! and the integration and UI tests (`tests/`) of `cookie-decl`. It is not
//! published and has no API.
