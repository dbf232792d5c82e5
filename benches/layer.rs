//! What `cookie_decl::axum::ConsentLayer` costs a real axum 0.8 server,
//! as throughput: the same `Router` served twice on loopback, once as it
//! is and once wrapped in `ConsentLayer::enforce`, and loaded by the same
//! client, a bounded number of keep-alive HTTP/1.1 connections sending
//! requests written by hand.
//!
//! - Both apps do the same handler work: `GET /` reads the visitor's
//!   `Consent<Cookies>` with the extractor, sets a session cookie, and the
//!   statistics cookie `visits` through the consent gate
//!   (`consent.cookie(Cookies::VISITS, "1")`), so that every response
//!   carries one or two `Set-Cookie`s for the layer to check. The
//!   difference between the two servers is the layer only.
//! - Traffic: 4,096 distinct `Cookie` headers, sent in a long seeded
//!   pseudo-random order: visitors who have not chosen, who accepted all
//!   and who refused, with 5 to 50 cookies each (the declared ones the
//!   visitor's choice allows, `_ga_<id>` cookies of the `extern` pattern,
//!   undeclared names near declared ones, a few other undeclared ones);
//!   then the same measures on a compliant site's traffic (2 to 8 cookies,
//!   only those the site and the visitor's choice set, one visitor in ten
//!   with one undeclared cookie).
//! - Load: the servers run on a thread of their own (a current-thread
//!   tokio runtime) on `127.0.0.1:0`; the client runs on criterion's
//!   thread, with 4, then 16 connections open for the whole run, one
//!   request in flight on each. Each criterion iteration sends `BATCH`
//!   requests and reads every response whole; criterion reports requests
//!   per second, of wall-clock time and, with 16 connections, of the server
//!   thread's CPU time (Linux's `schedstat`). Each timed batch on one
//!   server is paired with an untimed batch on the other, so that both are
//!   measured under the same load of the machine, and the median ratio of
//!   the pairs is printed after each group. Nothing leaves 127.0.0.1, and
//!   the servers stop when the benchmark ends.
//!
//! A second group calls the two `Router`s in process, without hyper or the
//! network (`Service::call` on a built request, polled once): the
//! difference between its two rows is the layer's own work per request. A
//! third measures the parts of that work alone: reading consent, auditing
//! the request's cookies, auditing the response's `Set-Cookie`s.
//!
//! Before anything is timed, both servers must answer every header alike
//! (status, body, each `Set-Cookie` but for the session's value), and as
//! the visitor's choice says.

use std::future::Future;
use std::hint::black_box;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue, Request};
use axum::serve::ListenerExt;
use cookie_decl::Category;
use cookie_decl::axum::request_cookies;
use cookie_decl::consent::{self, Consent, ConsentCookie};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tokio::net::{TcpListener, TcpStream};
use tower::Service;

#[path = "support/consent_site.rs"]
mod consent_site;
#[path = "support/layer_site.rs"]
mod layer_site;
mod support;

use layer_site::{
    Cookies, FINDINGS, HEADERS, PAGE, Visitor, app, compliant_headers, headers, ready,
};
use support::Rng;

/// Requests per criterion iteration, spread evenly over the connections.
const BATCH: usize = 256;

/// The request, as a client writes it.
fn request(cookie: &str) -> Vec<u8> {
    format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\nAccept: text/html\r\nCookie: {cookie}\r\n\r\n")
        .into_bytes()
}

/// One keep-alive connection, and the buffer its responses are read into.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> io::Result<Connection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: vec![0; 16 * 1024],
        })
    }

    /// Sends `request` and reads its response whole: the head up to
    /// `\r\n\r\n`, then `content-length` bytes. Returns the response's
    /// length; the response is `self.buffer[..length]`.
    async fn exchange(&mut self, request: &[u8]) -> io::Result<usize> {
        let mut sent = 0;
        while sent < request.len() {
            self.stream.writable().await?;
            match self.stream.try_write(&request[sent..]) {
                Ok(n) => sent += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        let mut read = 0;
        let mut expected = None;
        loop {
            if let Some(expected) = expected.filter(|&expected| read >= expected) {
                return if read == expected {
                    Ok(read)
                } else {
                    Err(io::Error::other("bytes after the response"))
                };
            }
            if read == self.buffer.len() {
                self.buffer.resize(read * 2, 0);
            }
            self.stream.readable().await?;
            match self.stream.try_read(&mut self.buffer[read..]) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => read += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Err(e),
            }
            if expected.is_none() {
                expected = response_length(&self.buffer[..read])?;
            }
        }
    }
}

/// The whole response's length once its head is in `bytes`.
fn response_length(bytes: &[u8]) -> io::Result<Option<usize>> {
    let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = &bytes[..end];
    let length = head
        .split(|&b| b == b'\n')
        .find_map(|line| {
            let (name, value) = line.split_at_checked(15)?;
            name.eq_ignore_ascii_case(b"content-length:").then(|| {
                std::str::from_utf8(value)
                    .ok()?
                    .trim()
                    .parse::<usize>()
                    .ok()
            })?
        })
        .ok_or_else(|| io::Error::other("no content-length"))?;
    Ok(Some(end + 4 + length))
}

/// Polls `futures` together until all are done: one request in flight per
/// connection, on the client's one thread.
async fn all<F: Future<Output = io::Result<()>>>(futures: Vec<F>) -> io::Result<()> {
    let mut futures: Vec<Option<Pin<Box<F>>>> =
        futures.into_iter().map(|f| Some(Box::pin(f))).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for slot in &mut futures {
            if let Some(future) = slot {
                match future.as_mut().poll(cx) {
                    Poll::Ready(Ok(())) => *slot = None,
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    })
    .await
}

/// `BATCH` requests over the connections: the next ones of `order`, from
/// `start`, connection `c` of `n` taking every `n`-th.
async fn batch(
    connections: &mut [Connection],
    requests: &[Vec<u8>],
    order: &[usize],
    start: usize,
) -> io::Result<()> {
    let per_connection = BATCH / connections.len();
    let count = connections.len();
    all(connections
        .iter_mut()
        .enumerate()
        .map(|(c, connection)| async move {
            for k in 0..per_connection {
                let request = &requests[order[(start + k * count + c) % order.len()]];
                connection.exchange(request).await?;
            }
            Ok(())
        })
        .collect())
    .await
}

/// The two servers on a thread of their own, until `stop` is sent.
struct Servers {
    plain: SocketAddr,
    layered: SocketAddr,
    /// The server thread's `/proc/.../schedstat`, where Linux has one.
    schedstat: Option<PathBuf>,
    stop: mpsc::Sender<()>,
    thread: thread::JoinHandle<()>,
}

impl Servers {
    /// The CPU time the server thread has run for (Linux's `schedstat`,
    /// in nanoseconds): what serving costs, whatever else runs on the
    /// machine.
    fn cpu_time(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(self.schedstat.as_ref()?).ok()?;
        let nanos = stat.split_whitespace().next()?.parse().ok()?;
        Some(Duration::from_nanos(nanos))
    }
}

fn start_servers(store: &ConsentCookie<Cookies>) -> Servers {
    let (addrs_tx, addrs_rx) = mpsc::channel();
    let (stop, stop_rx) = mpsc::channel::<()>();
    let store = store.clone();
    let thread = thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let mut addrs = Vec::new();
            for layer in [false, true] {
                let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
                addrs.push(listener.local_addr().expect("local address"));
                let listener = listener.tap_io(|tcp| {
                    let _ = tcp.set_nodelay(true);
                });
                let router = app(&store, layer);
                tokio::spawn(async move { axum::serve(listener, router).await });
            }
            let schedstat = std::fs::read_link("/proc/thread-self")
                .ok()
                .map(|task| Path::new("/proc").join(task).join("schedstat"));
            addrs_tx.send((addrs, schedstat)).expect("addresses");
            // Serves until the benchmark sends `stop` (or ends).
            let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
        });
    });
    let (addrs, schedstat) = addrs_rx.recv().expect("servers started");
    Servers {
        plain: addrs[0],
        layered: addrs[1],
        schedstat,
        stop,
        thread,
    }
}

/// A response's status line, its `Set-Cookie`s without their values
/// (`sessionid; HttpOnly; ...`), and its body.
fn parse_response(bytes: &[u8]) -> (String, Vec<String>, String) {
    let text = std::str::from_utf8(bytes).expect("UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("head");
    let mut lines = head.split("\r\n");
    let status = lines.next().expect("status line").to_owned();
    let set_cookies = lines
        .filter_map(|line| {
            let (name, value) = line.split_once(": ")?;
            let (cookie, attributes) = value.split_once('=')?;
            let attributes = attributes.find(';').map_or("", |at| &attributes[at..]);
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| format!("{cookie}{attributes}"))
        })
        .collect();
    (status, set_cookies, body.to_owned())
}

/// The throughput with the layer over the throughput without it, round by
/// round (the time without over the time with): the median and quartiles
/// of every round of the group, warm-up included.
fn print_paired(title: &str, rounds: &[[Duration; 2]]) {
    let mut ratios: Vec<f64> = rounds
        .iter()
        .filter(|[with, _]| !with.is_zero())
        .map(|[with, without]| without.as_secs_f64() / with.as_secs_f64())
        .collect();
    if ratios.is_empty() {
        return;
    }
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| ratios[((ratios.len() - 1) as f64 * q).round() as usize];
    println!(
        "{title}: with / without, paired round by round: {:.2}x (quartiles {:.2}x to {:.2}x, {} rounds of {BATCH} requests each)\n",
        at(0.5),
        at(0.25),
        at(0.75),
        ratios.len(),
    );
}

/// `cookie` as `parse_response` gives it: its value left out.
fn declared(cookie: cookie_decl::cookie::Cookie<'static>) -> String {
    let line = cookie.to_string();
    let (name, rest) = line.split_once('=').expect("name=value");
    format!("{name}{}", rest.find(';').map_or("", |at| &rest[at..]))
}

fn bench(c: &mut Criterion) {
    let store = ConsentCookie::<Cookies>::unsigned();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let headers = headers(&mut rng, &store);
    let order: Vec<usize> = (0..HEADERS * 4).map(|_| rng.below(HEADERS)).collect();
    let compliant = compliant_headers(&mut rng, &store);
    let compliant_order: Vec<usize> = (0..HEADERS * 4).map(|_| rng.below(HEADERS)).collect();

    let servers = start_servers(&store);
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");

    // The heavy traffic, then a compliant site's: the same measures.
    for (traffic, headers, order) in [
        ("", &headers, &order),
        (", compliant traffic", &compliant, &compliant_order),
    ] {
        let requests: Vec<Vec<u8>> = headers.iter().map(|(_, header)| request(header)).collect();

        // Both servers answer every request alike: 200, the page, the session
        // cookie, and `visits` exactly when the visitor accepted statistics.
        // The layer drops and rewrites nothing.
        client.block_on(async {
            let mut plain = Connection::open(servers.plain).await.expect("connect");
            let mut layered = Connection::open(servers.layered).await.expect("connect");
            for ((visitor, header), request) in headers.iter().zip(&requests) {
                let n = plain.exchange(request).await.expect("plain server");
                let without = parse_response(&plain.buffer[..n]);
                let n = layered.exchange(request).await.expect("layered server");
                let with = parse_response(&layered.buffer[..n]);
                assert_eq!(without, with, "{header}");
                let mut expected = vec![declared(Cookies::SESSIONID.cookie("s"))];
                if *visitor == Visitor::AcceptedAll {
                    expected.push(declared(Cookies::VISITS.cookie("1")));
                }
                assert_eq!(
                    without,
                    ("HTTP/1.1 200 OK".to_owned(), expected, PAGE.to_owned()),
                    "{visitor:?}: {header}"
                );
            }
        });
        let findings = FINDINGS.load(Ordering::Relaxed);
        assert!(findings > 0, "the traffic holds request findings");

        // Each timed batch on one server follows an untimed one on the other,
        // so that both sides are measured under the same load of the machine
        // (other builds, other tenants), which moves in seconds.
        //
        // Measured in wall-clock time (the throughput a client sees), and, with
        // 16 connections, in the server thread's CPU time: the throughput of
        // one core given to serving alone, which the other load of the machine
        // does not move.
        let cpu = servers.cpu_time().is_some();
        let measures = [(4, false), (16, false), (16, true)];
        for (connections, server_cpu) in measures
            .into_iter()
            .filter(|&(_, cpu_time)| !cpu_time || cpu)
        {
            let open = |addr| {
                client.block_on(async {
                    let mut opened = Vec::new();
                    for _ in 0..connections {
                        opened.push(Connection::open(addr).await.expect("connect"));
                    }
                    opened
                })
            };
            let mut sides = [
                ("axum + ConsentLayer", open(servers.layered), 0),
                ("axum alone", open(servers.plain), 0),
            ];
            let epoch = Instant::now();
            let clock = || {
                if server_cpu {
                    servers.cpu_time().expect("schedstat")
                } else {
                    epoch.elapsed()
                }
            };
            let title = if server_cpu {
                format!(
                    "axum on loopback, server CPU time ({connections} keep-alive connections){traffic}"
                )
            } else {
                format!("axum on loopback ({connections} keep-alive connections){traffic}")
            };
            // Each round's two batches, one beside the other in time: the
            // ratio of the pair is what the machine's other load moves least.
            let mut rounds: Vec<[Duration; 2]> = Vec::new();
            let mut group = c.benchmark_group(&title);
            group.throughput(Throughput::Elements(BATCH as u64));
            for side in 0..sides.len() {
                let name = sides[side].0;
                group.bench_function(name, |b| {
                    b.iter_custom(|iters| {
                        client.block_on(async {
                            let mut timed = Duration::ZERO;
                            for _ in 0..iters {
                                let mut round = [Duration::ZERO; 2];
                                for (other, (_, connections, start)) in sides.iter_mut().enumerate()
                                {
                                    let began = clock();
                                    batch(connections, &requests, order, *start)
                                        .await
                                        .expect("batch");
                                    round[other] = clock() - began;
                                    *start = (*start + BATCH) % order.len();
                                }
                                timed += round[side];
                                rounds.push(round);
                            }
                            timed
                        })
                    });
                });
            }
            group.finish();
            print_paired(&title, &rounds);
        }
        assert_eq!(
            FINDINGS.load(Ordering::Relaxed),
            findings,
            "every finding was reported once, before anything was timed"
        );
    }

    // The same apps in process: the request built, the router called, the
    // response dropped.
    let values: Vec<HeaderValue> = headers
        .iter()
        .map(|(_, header)| HeaderValue::from_str(header).expect("header value"))
        .collect();
    let call = |router: &mut Router, value: &HeaderValue| {
        let request = Request::get("/")
            .header(COOKIE, value.clone())
            .body(Body::empty())
            .expect("request");
        let response = ready(router.call(black_box(request))).expect("infallible");
        response.headers().len()
    };
    let mut routers = [
        ("axum + ConsentLayer", app(&store, true)),
        ("axum alone", app(&store, false)),
    ];
    // Every header once, so that the new layer has reported what it
    // reports before anything is timed.
    for (_, router) in &mut routers {
        for value in &values {
            assert!(call(router, value) >= 3);
        }
    }
    let findings = FINDINGS.load(Ordering::Relaxed);
    let mut group = c.benchmark_group("axum Router::call in process");
    group.throughput(Throughput::Elements(1));
    for (name, router) in &mut routers {
        let mut i = 0;
        group.bench_function(*name, |b| {
            b.iter(|| {
                i = (i + 1) % order.len();
                call(router, &values[order[i]])
            });
        });
    }
    group.finish();
    assert_eq!(
        FINDINGS.load(Ordering::Relaxed),
        findings,
        "every finding was reported once, before anything was timed"
    );

    // What the layer does per request, each part alone: reading consent
    // from the request's headers (the handler's extractor does it once
    // more, on both apps), auditing the request's cookies, auditing the
    // response's `Set-Cookie`s.
    let maps: Vec<HeaderMap> = values
        .iter()
        .map(|value| HeaderMap::from_iter([(COOKIE, value.clone())]))
        .collect();
    let consents: Vec<Consent<Cookies>> = maps
        .iter()
        .map(|map| store.read(request_cookies(map)))
        .collect();
    let responses: Vec<Vec<String>> = consents
        .iter()
        .map(|consent| {
            let mut lines = vec![Cookies::SESSIONID.cookie("s0123456789abcdef").to_string()];
            lines.extend(consent.cookie(Cookies::VISITS, "1").map(|c| c.to_string()));
            lines
        })
        .collect();
    for (i, (visitor, _)) in headers.iter().enumerate() {
        assert_eq!(
            consents[i].allows(Category::Statistics),
            *visitor == Visitor::AcceptedAll
        );
        assert!(consent::audit_response(&responses[i], &consents[i]).is_empty());
    }
    let mut group = c.benchmark_group("ConsentLayer's parts, per request");
    group.throughput(Throughput::Elements(1));
    let mut i = 0;
    group.bench_function("read consent", |b| {
        b.iter(|| {
            i = (i + 1) % order.len();
            store
                .read(request_cookies(black_box(&maps[order[i]])))
                .granted()
        });
    });
    group.bench_function("audit_request", |b| {
        b.iter(|| {
            i = (i + 1) % order.len();
            let n = order[i];
            consent::audit_request(request_cookies(black_box(&maps[n])), &consents[n]).len()
        });
    });
    group.bench_function("audit_response", |b| {
        b.iter(|| {
            i = (i + 1) % order.len();
            let n = order[i];
            consent::audit_response(black_box(&responses[n]), &consents[n]).len()
        });
    });
    group.finish();

    servers.stop.send(()).expect("stop");
    servers.thread.join().expect("server thread");
}

criterion_group!(benches, bench);
criterion_main!(benches);
