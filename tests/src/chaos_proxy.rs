//! A fault-injecting TCP proxy: the bad network between the app's core and the server.
//!
//! `ChaosProxy::start` listens on loopback and forwards each connection to an upstream address.
//! For every connection it draws one `Fault` from a seeded generator, with the weights of
//! `FaultWeights`:
//!
//! - `Pass` — bytes go through untouched;
//! - `Delay` — every chunk, either way, waits a drawn latency first;
//! - `Reset` — after a drawn number of bytes in one direction, both sides get a TCP RST
//!   (`SO_LINGER` 0, then close): the server sees a request cut short, the client a reset;
//! - `Truncate` — after a drawn number of bytes of the response, the client gets a clean FIN, as
//!   from a middlebox that gave up: a body shorter than announced;
//! - `BlackHole` — accepted and read, never answered, never forwarded: only the client's own
//!   timeout ends it.
//!
//! A connection the upstream refuses (the server is down) is reset. `counts` says how many
//! connections drew each fault and how many faults actually fired (a reset drawn after 30 KB
//! never fires on a connection that carries 2 KB). `calm` turns the faults off while a test sets
//! up. The draws follow the seed in the order connections arrive; which request meets which
//! connection depends on timing, so a seed replays the plan of faults, not every byte.

use std::net::SocketAddr;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Relative weights of the faults a connection draws; all zero but `pass` is a plain forwarder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultWeights {
    pub pass: u32,
    pub delay: u32,
    pub reset: u32,
    pub truncate: u32,
    pub black_hole: u32,
}

impl FaultWeights {
    fn total(&self) -> u32 {
        self.pass + self.delay + self.reset + self.truncate + self.black_hole
    }
}

/// Which way the bytes counted before a reset flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Client to server: the request is cut.
    Up,
    /// Server to client: the response is cut.
    Down,
}

/// What happens to one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Pass,
    Delay { per_chunk: Duration },
    Reset { after: u64, direction: Direction },
    Truncate { after: u64 },
    BlackHole,
}

#[derive(Debug, Clone)]
pub struct ProxyConfig {
    pub seed: u64,
    pub weights: FaultWeights,
    /// The latency a delayed connection adds to each chunk, drawn once per connection.
    pub delay: Range<Duration>,
    /// Bytes forwarded before a reset.
    pub reset_after: Range<u64>,
    /// Bytes of the response forwarded before a truncation.
    pub truncate_after: Range<u64>,
}

impl ProxyConfig {
    /// Every connection passes.
    pub fn passing(seed: u64) -> ProxyConfig {
        ProxyConfig {
            seed,
            weights: FaultWeights {
                pass: 1,
                delay: 0,
                reset: 0,
                truncate: 0,
                black_hole: 0,
            },
            delay: Duration::from_millis(1)..Duration::from_millis(20),
            reset_after: 0..32 * 1024,
            truncate_after: 0..4 * 1024,
        }
    }

    /// Every connection gets `fault`'s kind (its parameters still drawn from the ranges).
    pub fn only(seed: u64, weights: FaultWeights) -> ProxyConfig {
        ProxyConfig {
            weights,
            ..ProxyConfig::passing(seed)
        }
    }
}

/// The seeded draw of faults, one per connection.
pub struct FaultPlan {
    rng: StdRng,
    config: ProxyConfig,
}

impl FaultPlan {
    pub fn new(config: ProxyConfig) -> FaultPlan {
        FaultPlan {
            rng: StdRng::seed_from_u64(config.seed),
            config,
        }
    }

    pub fn draw(&mut self) -> Fault {
        let w = self.config.weights;
        let total = w.total();
        if total == 0 {
            return Fault::Pass;
        }
        let mut pick = self.rng.random_range(0..total);
        let mut take = |weight: u32| {
            if pick < weight {
                true
            } else {
                pick -= weight;
                false
            }
        };
        if take(w.pass) {
            Fault::Pass
        } else if take(w.delay) {
            let Range { start, end } = self.config.delay.clone();
            Fault::Delay {
                per_chunk: if start < end {
                    self.rng.random_range(start..end)
                } else {
                    start
                },
            }
        } else if take(w.reset) {
            let after = draw_in(&mut self.rng, &self.config.reset_after);
            let direction = if self.rng.random_bool(0.5) {
                Direction::Up
            } else {
                Direction::Down
            };
            Fault::Reset { after, direction }
        } else if take(w.truncate) {
            Fault::Truncate {
                after: draw_in(&mut self.rng, &self.config.truncate_after),
            }
        } else {
            Fault::BlackHole
        }
    }
}

fn draw_in(rng: &mut StdRng, range: &Range<u64>) -> u64 {
    if range.start < range.end {
        rng.random_range(range.clone())
    } else {
        range.start
    }
}

/// How many connections drew each fault, and how many of the cutting faults fired.
#[derive(Debug, Default)]
struct Counters {
    connections: AtomicU64,
    pass: AtomicU64,
    delay: AtomicU64,
    reset: AtomicU64,
    reset_fired: AtomicU64,
    truncate: AtomicU64,
    truncate_fired: AtomicU64,
    black_hole: AtomicU64,
    refused: AtomicU64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FaultCounts {
    pub connections: u64,
    pub pass: u64,
    pub delay: u64,
    /// Drawn, and of those, fired (the byte count was reached).
    pub reset: u64,
    pub reset_fired: u64,
    pub truncate: u64,
    pub truncate_fired: u64,
    pub black_hole: u64,
    /// Connections reset because the upstream refused them (the server was down).
    pub refused: u64,
}

impl std::fmt::Display for FaultCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} connections: {} passed, {} delayed, {} resets drawn ({} fired), {} truncations \
             drawn ({} fired), {} black holes, {} refused by a stopped server",
            self.connections,
            self.pass,
            self.delay,
            self.reset,
            self.reset_fired,
            self.truncate,
            self.truncate_fired,
            self.black_hole,
            self.refused
        )
    }
}

/// A running proxy; stops (and drops every connection) when dropped.
pub struct ChaosProxy {
    addr: SocketAddr,
    counters: Arc<Counters>,
    calm: Arc<AtomicBool>,
    task: JoinHandle<()>,
}

impl ChaosProxy {
    /// Listens on a free loopback port and forwards to `upstream`.
    pub async fn start(upstream: SocketAddr, config: ProxyConfig) -> std::io::Result<ChaosProxy> {
        ChaosProxy::start_at(([127, 0, 0, 1], 0).into(), upstream, config).await
    }

    /// Listens on `listen`, for a test that needs the address before the proxy starts.
    pub async fn start_at(
        listen: SocketAddr,
        upstream: SocketAddr,
        config: ProxyConfig,
    ) -> std::io::Result<ChaosProxy> {
        let listener = TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let calm = Arc::new(AtomicBool::new(false));
        let plan = Arc::new(Mutex::new(FaultPlan::new(config)));
        let task = tokio::spawn({
            let counters = counters.clone();
            let calm = calm.clone();
            async move {
                let mut connections = tokio::task::JoinSet::new();
                loop {
                    let Ok((client, _)) = listener.accept().await else {
                        // Out of descriptors, say: give the connections time to end.
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    };
                    // Drawn even while calm, so that calm spells do not shift the plan's order.
                    let drawn = plan.lock().expect("plan lock").draw();
                    let fault = if calm.load(Ordering::SeqCst) {
                        Fault::Pass
                    } else {
                        drawn
                    };
                    counters.connections.fetch_add(1, Ordering::Relaxed);
                    connections.spawn(serve(client, upstream, fault, counters.clone()));
                    while connections.try_join_next().is_some() {}
                }
            }
        });
        Ok(ChaosProxy {
            addr,
            counters,
            calm,
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// While calm, every new connection passes (connections already open keep their fault).
    pub fn set_calm(&self, calm: bool) {
        self.calm.store(calm, Ordering::SeqCst);
    }

    pub fn counts(&self) -> FaultCounts {
        let c = &self.counters;
        let get = |n: &AtomicU64| n.load(Ordering::Relaxed);
        FaultCounts {
            connections: get(&c.connections),
            pass: get(&c.pass),
            delay: get(&c.delay),
            reset: get(&c.reset),
            reset_fired: get(&c.reset_fired),
            truncate: get(&c.truncate),
            truncate_fired: get(&c.truncate_fired),
            black_hole: get(&c.black_hole),
            refused: get(&c.refused),
        }
    }
}

impl Drop for ChaosProxy {
    fn drop(&mut self) {
        // Aborting the accept loop drops its JoinSet, which aborts every connection task.
        self.task.abort();
    }
}

/// Why forwarding one way stopped before its end of stream.
enum Cut {
    Reset,
    Truncate,
    /// A side failed (reset by the peer, say): passed on as a reset to the other.
    Broken,
}

async fn serve(mut client: TcpStream, upstream: SocketAddr, fault: Fault, counters: Arc<Counters>) {
    let count = match fault {
        Fault::Pass => &counters.pass,
        Fault::Delay { .. } => &counters.delay,
        Fault::Reset { .. } => &counters.reset,
        Fault::Truncate { .. } => &counters.truncate,
        Fault::BlackHole => &counters.black_hole,
    };
    count.fetch_add(1, Ordering::Relaxed);
    if fault == Fault::BlackHole {
        // Read what comes so the client's writes succeed, and say nothing until it gives up.
        let _ = tokio::io::copy(&mut client, &mut tokio::io::sink()).await;
        return;
    }
    let mut server = match TcpStream::connect(upstream).await {
        Ok(server) => server,
        Err(_) => {
            counters.refused.fetch_add(1, Ordering::Relaxed);
            let _ = client.set_zero_linger();
            return;
        }
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (delay, up_limit, down_limit) = match fault {
        Fault::Delay { per_chunk } => (Some(per_chunk), None, None),
        Fault::Reset {
            after,
            direction: Direction::Up,
        } => (None, Some((after, Cut::Reset)), None),
        Fault::Reset {
            after,
            direction: Direction::Down,
        } => (None, None, Some((after, Cut::Reset))),
        Fault::Truncate { after } => (None, None, Some((after, Cut::Truncate))),
        Fault::Pass | Fault::BlackHole => (None, None, None),
    };
    let outcome = {
        let (mut client_read, mut client_write) = client.split();
        let (mut server_read, mut server_write) = server.split();
        tokio::try_join!(
            pump(&mut client_read, &mut server_write, delay, up_limit),
            pump(&mut server_read, &mut client_write, delay, down_limit),
        )
    };
    match outcome {
        Ok(_) => {}
        Err(Cut::Truncate) => {
            counters.truncate_fired.fetch_add(1, Ordering::Relaxed);
            drop(server);
            // A clean end towards the client, which then hangs up on a body shorter than its
            // headers promised. Its unread request bytes are drained, or closing would reset.
            let _ = client.shutdown().await;
            let _ = tokio::io::copy(&mut client, &mut tokio::io::sink()).await;
        }
        Err(cut) => {
            if matches!(cut, Cut::Reset) {
                counters.reset_fired.fetch_add(1, Ordering::Relaxed);
            }
            let _ = client.set_zero_linger();
            let _ = server.set_zero_linger();
        }
    }
}

/// Forwards `from` to `to` until end of stream (then half-closes `to`), or until `limit` bytes
/// have gone through, when it stops with the limit's cut.
async fn pump<R, W>(
    from: &mut R,
    to: &mut W,
    delay: Option<Duration>,
    limit: Option<(u64, Cut)>,
) -> Result<(), Cut>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buffer = vec![0u8; 16 * 1024];
    let mut forwarded = 0u64;
    let (limit, cut) = match limit {
        Some((limit, cut)) => (Some(limit), Some(cut)),
        None => (None, None),
    };
    loop {
        if limit.is_some_and(|limit| forwarded >= limit) {
            let _ = to.flush().await;
            return Err(cut.expect("a limit has its cut"));
        }
        let read = from.read(&mut buffer).await.map_err(|_| Cut::Broken)?;
        if read == 0 {
            let _ = to.shutdown().await;
            return Ok(());
        }
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let room = limit.map_or(read, |limit| read.min((limit - forwarded) as usize));
        to.write_all(&buffer[..room])
            .await
            .map_err(|_| Cut::Broken)?;
        forwarded += room as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    /// An echo server that also reports how many bytes each connection brought it.
    async fn echo_server() -> (SocketAddr, tokio::sync::mpsc::UnboundedReceiver<usize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (received, report) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                let received = received.clone();
                tokio::spawn(async move {
                    let mut total = 0;
                    let mut buffer = [0u8; 4096];
                    loop {
                        match socket.read(&mut buffer).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                total += n;
                                if socket.write_all(&buffer[..n]).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                    let _ = received.send(total);
                });
            }
        });
        (addr, report)
    }

    fn weights(pass: u32, delay: u32, reset: u32, truncate: u32, black_hole: u32) -> FaultWeights {
        FaultWeights {
            pass,
            delay,
            reset,
            truncate,
            black_hole,
        }
    }

    fn message(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    /// Writes `sent` and reads until the end or an error: what came back, and how it ended.
    async fn exchange(proxy: &ChaosProxy, sent: &[u8]) -> (Vec<u8>, Result<(), ErrorKind>) {
        let mut socket = TcpStream::connect(proxy.addr()).await.unwrap();
        let (mut read, mut write) = socket.split();
        let writing = async {
            let _ = write.write_all(sent).await;
            let _ = write.shutdown().await;
        };
        let reading = async {
            let mut back = Vec::new();
            let mut buffer = [0u8; 4096];
            loop {
                match read.read(&mut buffer).await {
                    Ok(0) => return (back, Ok(())),
                    Ok(n) => back.extend_from_slice(&buffer[..n]),
                    Err(e) => return (back, Err(e.kind())),
                }
            }
        };
        let ((), outcome) = tokio::join!(writing, reading);
        outcome
    }

    #[tokio::test]
    async fn a_passing_connection_echoes_everything() {
        let (echo, mut received) = echo_server().await;
        let proxy = ChaosProxy::start(echo, ProxyConfig::passing(1))
            .await
            .unwrap();
        let sent = message(100_000);
        let (back, ending) = exchange(&proxy, &sent).await;
        assert_eq!(ending, Ok(()));
        assert_eq!(back, sent);
        assert_eq!(received.recv().await, Some(sent.len()));
        let counts = proxy.counts();
        assert_eq!((counts.connections, counts.pass), (1, 1));
    }

    #[tokio::test]
    async fn a_delayed_connection_still_echoes_everything() {
        let (echo, _) = echo_server().await;
        let proxy = ChaosProxy::start(echo, ProxyConfig::only(2, weights(0, 1, 0, 0, 0)))
            .await
            .unwrap();
        let sent = message(40_000);
        let (back, ending) = exchange(&proxy, &sent).await;
        assert_eq!(ending, Ok(()));
        assert_eq!(back, sent);
        assert_eq!(proxy.counts().delay, 1);
    }

    #[tokio::test]
    async fn a_reset_going_up_cuts_the_request_at_its_byte_count() {
        let (echo, mut received) = echo_server().await;
        let mut config = ProxyConfig::only(3, weights(0, 0, 1, 0, 0));
        config.reset_after = 5_000..5_001;
        // Find a seed whose draw resets the way up.
        let seed = (0..)
            .find(|&seed| {
                FaultPlan::new(ProxyConfig {
                    seed,
                    ..config.clone()
                })
                .draw()
                    == Fault::Reset {
                        after: 5_000,
                        direction: Direction::Up,
                    }
            })
            .unwrap();
        config.seed = seed;
        let proxy = ChaosProxy::start(echo, config).await.unwrap();
        let (back, ending) = exchange(&proxy, &message(50_000)).await;
        assert_eq!(ending, Err(ErrorKind::ConnectionReset));
        assert!(back.len() <= 5_000, "no more than was sent up came back");
        // A reset drops what the server had not read yet, so it may have read fewer.
        let got = received.recv().await.unwrap();
        assert!(got <= 5_000, "the server got at most 5,000 bytes: {got}");
        let counts = proxy.counts();
        assert_eq!((counts.reset, counts.reset_fired), (1, 1));
    }

    #[tokio::test]
    async fn a_reset_coming_down_cuts_the_response_at_its_byte_count() {
        let (echo, _) = echo_server().await;
        let mut config = ProxyConfig::only(0, weights(0, 0, 1, 0, 0));
        config.reset_after = 7_000..7_001;
        let seed = (0..)
            .find(|&seed| {
                FaultPlan::new(ProxyConfig {
                    seed,
                    ..config.clone()
                })
                .draw()
                    == Fault::Reset {
                        after: 7_000,
                        direction: Direction::Down,
                    }
            })
            .unwrap();
        config.seed = seed;
        let proxy = ChaosProxy::start(echo, config).await.unwrap();
        let sent = message(50_000);
        let (back, ending) = exchange(&proxy, &sent).await;
        assert_eq!(ending, Err(ErrorKind::ConnectionReset));
        assert!(back.len() <= 7_000);
        assert_eq!(back, sent[..back.len()], "what came back is the start");
        assert_eq!(proxy.counts().reset_fired, 1);
    }

    #[tokio::test]
    async fn a_truncated_response_ends_cleanly_after_its_byte_count() {
        let (echo, _) = echo_server().await;
        let mut config = ProxyConfig::only(4, weights(0, 0, 0, 1, 0));
        config.truncate_after = 3_000..3_001;
        let proxy = ChaosProxy::start(echo, config).await.unwrap();
        let sent = message(50_000);
        let (back, ending) = exchange(&proxy, &sent).await;
        assert_eq!(ending, Ok(()), "a FIN, not a reset");
        assert_eq!(back, sent[..3_000]);
        let counts = proxy.counts();
        assert_eq!((counts.truncate, counts.truncate_fired), (1, 1));
    }

    #[tokio::test]
    async fn a_black_hole_reads_and_never_answers_nor_forwards() {
        let (echo, mut received) = echo_server().await;
        let proxy = ChaosProxy::start(echo, ProxyConfig::only(5, weights(0, 0, 0, 0, 1)))
            .await
            .unwrap();
        let mut socket = TcpStream::connect(proxy.addr()).await.unwrap();
        socket.write_all(&message(10_000)).await.unwrap();
        let mut buffer = [0u8; 16];
        let answer =
            tokio::time::timeout(Duration::from_millis(300), socket.read(&mut buffer)).await;
        assert!(answer.is_err(), "nothing came back: {answer:?}");
        drop(socket);
        assert!(received.try_recv().is_err(), "the server never saw it");
        assert_eq!(proxy.counts().black_hole, 1);
    }

    #[tokio::test]
    async fn a_stopped_upstream_resets_the_client() {
        let upstream = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gone = upstream.local_addr().unwrap();
        drop(upstream);
        let proxy = ChaosProxy::start(gone, ProxyConfig::passing(6))
            .await
            .unwrap();
        let (back, ending) = exchange(&proxy, b"hello").await;
        assert!(back.is_empty(), "nothing came back");
        // A reset; or, when the client's own shutdown met the reset first, the end it left.
        assert!(
            matches!(ending, Err(ErrorKind::ConnectionReset) | Ok(())),
            "{ending:?}"
        );
        assert_eq!(proxy.counts().refused, 1);
    }

    #[tokio::test]
    async fn calm_passes_every_connection() {
        let (echo, _) = echo_server().await;
        let proxy = ChaosProxy::start(echo, ProxyConfig::only(7, weights(0, 0, 0, 0, 1)))
            .await
            .unwrap();
        proxy.set_calm(true);
        let sent = message(1_000);
        assert_eq!(exchange(&proxy, &sent).await, (sent, Ok(())));
        assert_eq!(proxy.counts().pass, 1);
    }

    #[test]
    fn a_seed_replays_its_plan_and_the_weights_hold() {
        let config = ProxyConfig::only(42, weights(50, 20, 15, 10, 5));
        let draws = |config: &ProxyConfig| {
            let mut plan = FaultPlan::new(config.clone());
            (0..10_000).map(|_| plan.draw()).collect::<Vec<_>>()
        };
        let first = draws(&config);
        assert_eq!(first, draws(&config), "the same seed, the same faults");
        assert_ne!(first, draws(&ProxyConfig { seed: 43, ..config }));
        let share = |f: fn(&Fault) -> bool| first.iter().filter(|d| f(d)).count();
        let black_holes = share(|f| *f == Fault::BlackHole);
        assert!((350..650).contains(&black_holes), "about 5%: {black_holes}");
        let passes = share(|f| *f == Fault::Pass);
        assert!((4_700..5_300).contains(&passes), "about 50%: {passes}");
        let resets = first.iter().filter_map(|f| match f {
            Fault::Reset { after, direction } => Some((*after, *direction)),
            _ => None,
        });
        assert!(resets.clone().all(|(after, _)| after < 32 * 1024));
        assert!(resets.clone().any(|(_, d)| d == Direction::Up));
        assert!(resets.clone().any(|(_, d)| d == Direction::Down));
    }
}
