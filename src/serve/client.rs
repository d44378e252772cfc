//! The asking side: connect, send the command, wait for the holder's word.

use super::server::send;
use super::{socket_path, Answer, Hello, Reply, Request};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

/// How long the holder has to say it heard: a stopped (Ctrl+Z) or hung
/// process says nothing.
pub const HELLO_WAIT: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub enum Outcome {
    /// Nobody listens: open the database here.
    NoHolder,
    /// The holder runs a command of its own; try again when it ends.
    Busy {
        pid: u32,
    },
    /// The holder did not answer within [`HELLO_WAIT`].
    Silent,
    /// The holder belongs to another user.
    Refused,
    /// The socket, its directory or the process listening on it is not
    /// this user's: nothing was sent (a fake holder would learn the
    /// command and could answer «saved» for nothing).
    Untrusted {
        uid: u32,
    },
    /// The holder was closing the database: open it here.
    Closing,
    Done(Answer),
}

pub fn call(db: &Path, request: &Request) -> std::io::Result<Outcome> {
    use std::os::unix::fs::MetadataExt;
    let me = crate::fsutil::current_uid();
    let socket = socket_path(db);
    // The directory and the socket first: in a directory another user can
    // write to, anyone may have made it.
    for path in [db, socket.as_path()] {
        match path.symlink_metadata() {
            Ok(m) if m.uid() != me => return Ok(Outcome::Untrusted { uid: m.uid() }),
            Ok(_) => {}
            Err(_) => return Ok(Outcome::NoHolder),
        }
    }
    let stream = match UnixStream::connect(&socket) {
        Ok(s) => s,
        // No socket, a dead holder's socket, or a path too long for one.
        Err(_) => return Ok(Outcome::NoHolder),
    };
    // And the process listening, as the kernel says.
    let peer = super::server::peer_uid(&stream)?;
    if peer != me {
        return Ok(Outcome::Untrusted { uid: peer });
    }
    stream.set_write_timeout(Some(HELLO_WAIT))?;
    stream.set_read_timeout(Some(HELLO_WAIT))?;
    let mut writer = stream.try_clone()?;
    // A holder closing at that moment takes no request; what it said, if
    // anything, is read below all the same.
    let _ = send(&mut writer, request);
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    match reader.read_line(&mut line) {
        Ok(0) => return Ok(Outcome::NoHolder),
        Ok(_) => {}
        Err(e) if is_timeout(&e) => return Ok(Outcome::Silent),
        Err(e) => return Err(e),
    }
    match serde_json::from_str::<Hello>(&line).map_err(std::io::Error::other)? {
        Hello::Accepted { .. } => {}
        Hello::Busy { pid } => return Ok(Outcome::Busy { pid }),
        Hello::Refused => return Ok(Outcome::Refused),
    }
    // The command itself may take long (an export of a district).
    reader.get_ref().set_read_timeout(None)?;
    line.clear();
    reader.read_line(&mut line)?;
    match serde_json::from_str::<Reply>(&line).map_err(std::io::Error::other)? {
        Reply::Closing => Ok(Outcome::Closing),
        Reply::Done {
            mut answer,
            out_len,
        } => {
            answer.out = Vec::with_capacity(out_len.min(1 << 30) as usize);
            reader.take(out_len).read_to_end(&mut answer.out)?;
            if (answer.out.len() as u64) < out_len {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            Ok(Outcome::Done(answer))
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}
