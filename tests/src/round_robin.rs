//! A round-robin TCP forwarder on loopback: one address in front of several servers, each new
//! connection handed to the next one in turn, as a load balancer without sticky sessions does.
//! It counts the connections each backend was given, so a test can tell that all of them served.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub struct RoundRobin {
    addr: SocketAddr,
    connections: Arc<Vec<AtomicUsize>>,
    task: JoinHandle<()>,
}

impl RoundRobin {
    /// Listens on `listen` and forwards every connection, byte for byte, to `backends` in turn.
    pub async fn start(listen: SocketAddr, backends: Vec<SocketAddr>) -> std::io::Result<Self> {
        assert!(!backends.is_empty(), "a forwarder needs a backend");
        let listener = TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let connections: Arc<Vec<AtomicUsize>> =
            Arc::new(backends.iter().map(|_| AtomicUsize::new(0)).collect());
        let counts = connections.clone();
        let task = tokio::spawn(async move {
            for turn in 0.. {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                let i = turn % backends.len();
                counts[i].fetch_add(1, Ordering::Relaxed);
                let backend = backends[i];
                tokio::spawn(async move {
                    // A backend that refuses drops the client's connection, as a balancer
                    // without health checks would.
                    if let Ok(mut upstream) = TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                });
            }
        });
        Ok(RoundRobin {
            addr,
            connections,
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many connections each backend was given, in the order they were named.
    pub fn connections(&self) -> Vec<usize> {
        self.connections
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .collect()
    }
}

impl Drop for RoundRobin {
    fn drop(&mut self) {
        // Stops accepting; connections already forwarded end when either side closes.
        self.task.abort();
    }
}
