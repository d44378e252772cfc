//! The holder's side: a listener thread that accepts connections from the
//! same user only and hands each request to whoever runs commands (the
//! interface's loop, between two key presses).

use super::{socket_path, Answer, Hello, Reply, Request};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Connections served at once; an idle one is dropped after
/// [`IDLE_LIMIT`] without its request.
const MAX_CONNECTIONS: usize = 16;
const IDLE_LIMIT: Duration = Duration::from_secs(5);

/// A request waiting to be run, and the way back to its client.
pub struct Job {
    pub request: Request,
    reply: Sender<Answer>,
}

impl Job {
    pub fn answer(self, answer: Answer) {
        // The client may have given up (Ctrl+C): nothing to tell.
        let _ = self.reply.send(answer);
    }
}

/// Called when a request has been queued: the holder's loop sleeps
/// until something wakes it.
type Waker = Arc<OnceLock<Box<dyn Fn() + Send + Sync>>>;

/// Listening on the database's socket for as long as it lives.
pub struct Server {
    socket: PathBuf,
    jobs: Option<Receiver<Job>>,
    stop: Arc<AtomicBool>,
    waker: Waker,
}

impl Server {
    /// Serves requests: they wait in [`Server::next_job`] to be run.
    pub fn serving(db: &std::path::Path) -> Option<Server> {
        Server::start(db, true)
    }

    /// Tells clients that this process is busy with a command of its own.
    pub fn busy(db: &std::path::Path) -> Option<Server> {
        Server::start(db, false)
    }

    /// None where the socket cannot be made (a path longer than a socket
    /// address takes, a read-only directory): clients then meet the lock,
    /// as before there was a socket.
    fn start(db: &std::path::Path, serve: bool) -> Option<Server> {
        let socket = socket_path(db);
        // The caller holds the database's lock: a socket left here is a
        // dead holder's.
        let _ = std::fs::remove_file(&socket);
        let listener = UnixListener::bind(&socket).ok()?;
        let _ = std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o600));
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let tx = serve.then_some(tx);
        let stopped = stop.clone();
        let waker: Waker = Arc::default();
        let wakes = waker.clone();
        let open = Arc::new(AtomicUsize::new(0));
        std::thread::Builder::new()
            .name("nastavnik-serve".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    // A thread per connection, but never more than
                    // MAX_CONNECTIONS: the rest are told to wait and retry.
                    if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                        let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
                        let pid = std::process::id();
                        let _ = send(&mut &stream, &Hello::Busy { pid });
                        continue;
                    }
                    open.fetch_add(1, Ordering::SeqCst);
                    let tx = tx.clone();
                    let wakes = wakes.clone();
                    let served = open.clone();
                    let spawned = std::thread::Builder::new()
                        .name("nastavnik-client".into())
                        .spawn(move || {
                            let _ = serve_one(stream, tx, &wakes);
                            served.fetch_sub(1, Ordering::SeqCst);
                        });
                    if spawned.is_err() {
                        open.fetch_sub(1, Ordering::SeqCst);
                    }
                }
            })
            .ok()?;
        Some(Server {
            socket,
            jobs: serve.then_some(rx),
            stop,
            waker,
        })
    }

    /// `wake` is called each time a request has been queued (once set,
    /// it stays).
    pub fn wake_with(&self, wake: impl Fn() + Send + Sync + 'static) {
        let _ = self.waker.set(Box::new(wake));
    }

    /// The next request waiting, if any (never blocks).
    pub fn next_job(&self) -> Option<Job> {
        self.jobs.as_ref()?.try_recv().ok()
    }

    /// Stops listening and removes the socket (also on drop): a client
    /// then finds no holder and opens the database itself.
    pub fn close(&self) {
        if !self.stop.swap(true, Ordering::SeqCst) {
            // Wakes the listener so that it sees the stop.
            let _ = UnixStream::connect(&self.socket);
            let _ = std::fs::remove_file(&self.socket);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.close();
    }
}

fn serve_one(stream: UnixStream, jobs: Option<Sender<Job>>, waker: &Waker) -> std::io::Result<()> {
    use std::io::Read;
    let mut writer = stream.try_clone()?;
    let pid = std::process::id();
    // The request is read whatever the answer, so that the client's write
    // never meets a closed socket; a command line is never a megabyte.
    stream.set_read_timeout(Some(IDLE_LIMIT))?;
    let mut line = String::new();
    BufReader::new((&stream).take(1 << 20)).read_line(&mut line)?;
    if peer_uid(&stream)? != crate::fsutil::current_uid() {
        return send(&mut writer, &Hello::Refused);
    }
    let Some(jobs) = jobs else {
        return send(&mut writer, &Hello::Busy { pid });
    };
    let Ok(request) = serde_json::from_str::<Request>(&line) else {
        return Ok(());
    };
    send(&mut writer, &Hello::Accepted { pid })?;
    let (reply, answer) = mpsc::channel();
    let queued = jobs.send(Job { request, reply });
    if let Some(wake) = waker.get() {
        wake();
    }
    let reply = match queued {
        Ok(()) => match answer.recv() {
            Ok(answer) => Reply::Done {
                out_len: answer.out.len() as u64,
                answer,
            },
            Err(_) => Reply::Closing,
        },
        Err(_) => Reply::Closing,
    };
    send(&mut writer, &reply)?;
    if let Reply::Done { answer, .. } = &reply {
        writer.write_all(&answer.out)?;
    }
    writer.flush()
}

pub(super) fn send<T: serde::Serialize>(w: &mut impl Write, value: &T) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    w.write_all(&line)?;
    w.flush()
}

/// The uid of the process at the other end, as the kernel says.
#[cfg(target_os = "linux")]
pub(super) fn peer_uid(s: &UnixStream) -> std::io::Result<u32> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`, which is
    // a ucred of that size on our stack; the descriptor is open (borrowed).
    let rc = unsafe {
        libc::getsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(cred.uid)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn peer_uid(s: &UnixStream) -> std::io::Result<u32> {
    use std::os::fd::AsRawFd;
    let (mut uid, mut gid) = (0, 0);
    // SAFETY: getpeereid writes two ids into our locals; the descriptor is open.
    let rc = unsafe { libc::getpeereid(s.as_raw_fd(), &mut uid, &mut gid) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(uid)
}
