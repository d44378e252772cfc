//! Trust on the wire: the interface ends when its terminal goes away (a
//! dropped SSH connection, a killed tmux session) or on SIGTERM, and frees
//! the database at once; an erasure that a kill or a closed terminal left
//! unfinished is finished by the next open, and no backup brings the
//! erased person back.

mod common;

use common::term::Term;
use common::{bin, files_holding};
use nastavnik::domain::Mentee;
use nastavnik::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The name given to one mentee, found nowhere else.
const NAME: &str = "Шереметьева Аглая Тимуровна";

/// A database with one school and nothing else, in a fresh directory.
fn one_school() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = bin(&db, &["org", "add", "МКОУ «СОШ № 5»"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (dir, db)
}

/// [`school_with_a_named_mentee`] in a fresh directory: it, the database
/// and the mentee's id.
fn named_school() -> (tempfile::TempDir, std::path::PathBuf, u64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let id = school_with_a_named_mentee(&db, NAME);
    (dir, db, id)
}

/// The school's demo, with one mentee renamed to a name found nowhere
/// else and a backup that holds it; the mentee's id.
fn school_with_a_named_mentee(db: &Path, name: &str) -> u64 {
    let out = bin(db, &["demo", "--seed", "4", "--as-of", "01.11.2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = {
        let store = Store::open(db).unwrap();
        let mut m: Mentee = store.list::<Mentee>().unwrap().remove(0);
        m.person.full_name = name.into();
        store.update(&m).unwrap();
        m.id
    };
    let out = bin(db, &["backup", "now"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!files_holding(db, name).is_empty());
    id
}

fn a_backup(db: &Path) -> std::path::PathBuf {
    let found = std::fs::read_dir(db.join("backups"))
        .unwrap()
        .flatten()
        .next();
    found.expect("a backup").path()
}

/// How long the program took to end, at most `limit`.
fn ends_within(t: &mut Term, limit: Duration) -> (Duration, u32) {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(code) = t.exited() {
            return (start.elapsed(), code);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("still running {limit:?} after: the terminal was closed or a signal sent");
}

fn second_interface_opens(db: &Path, cwd: &Path) {
    let started = Instant::now();
    let mut t = Term::start(db, &[], cwd);
    t.wait_for("Обзор");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// The terminal closed under the interface (every descriptor of the pty's
/// master side, as sshd or tmux closes it): gone within 2 s, the lock
/// and the socket free, and an erasure made just before is finished by
/// the next command, with not one byte of the person left.
#[test]
fn a_closed_terminal_ends_the_interface_and_its_erasure_is_finished_next() {
    let (dir, db, id) = named_school();
    let name = NAME;
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    // The erasure from another window, held by this interface: the files
    // are rewritten when it closes, which it now never does by `q`.
    let out = bin(&db, &["erase", "mentee", &id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    t.wait_for("Данные изменены другим процессом");
    // Half-typed and never saved.
    t.keys(&["2", "n"]);
    t.wait_for("новая запись");
    t.type_text("Недописанный Наставник");
    t.hang_up();
    let (took, code) = ends_within(&mut t, Duration::from_secs(2));
    assert_eq!(code, 129, "as after SIGHUP");
    eprintln!("closed terminal: the interface ended in {took:?}");
    assert!(!db.join("nastavnik.sock").exists(), "the socket is removed");
    // The next open finishes what the erasure owed, at once.
    let started = Instant::now();
    let out = bin(&db, &["org", "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    eprintln!(
        "the next command, with the erasure's rewrite: {:?}",
        started.elapsed()
    );
    assert_eq!(files_holding(&db, name), Vec::<String>::new());
    assert!(!db.join("erasure.pending").exists());
    let mentors = bin(&db, &["export", "csv", "mentors"]);
    assert!(!text(&mentors.stdout).contains("Недописанный"));
    second_interface_opens(&db, dir.path());
}

/// SIGTERM to a live interface: it ends within 2 s with the shell's code
/// for it, puts nothing half-typed in the base, and frees the database.
#[test]
fn sigterm_ends_a_live_interface_and_saves_nothing_half_typed() {
    let (dir, db) = one_school();
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["2", "n"]);
    t.wait_for("новая запись");
    t.type_text("Недописанная Анна");
    t.wait_for("Недописанная Анна");
    // SAFETY: a signal to the child this test started and still holds.
    assert_eq!(unsafe { libc::kill(t.pid() as i32, libc::SIGTERM) }, 0);
    let (took, code) = ends_within(&mut t, Duration::from_secs(2));
    assert_eq!(code, 143);
    eprintln!("SIGTERM: the interface ended in {took:?}");
    let out = bin(&db, &["export", "csv", "mentors"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains("Недописанная"));
    drop(t);
    second_interface_opens(&db, dir.path());
}

/// `erase` killed at each step of its file work: the next open finishes
/// it, a byte search finds the person nowhere, `check` passes, and the
/// newest backup restores without them.
#[test]
fn an_erasure_killed_at_any_step_is_finished_by_the_next_open() {
    let name = "Шереметьева Аглая Тимуровна";
    for step in [
        "erase:rebuilt",
        "erase:swapped",
        "erase:compacted",
        "erase:backup-removed",
        "erase:backup-written",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let id = school_with_a_named_mentee(&db, name);
        // A second backup, so that a kill can fall between two removals.
        let older = db.join("backups").join("nastavnik-2026-10-01-120000.json");
        std::fs::copy(a_backup(&db), older).unwrap();
        let killed = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
            .arg("--db")
            .arg(&db)
            .args(["erase", "mentee", &id.to_string(), "--yes"])
            .env("NASTAVNIK_FAULT", step)
            .output()
            .unwrap();
        assert!(
            !killed.status.success(),
            "{step}: the fault point was not reached"
        );
        assert!(db.join("erasure.pending").exists(), "{step}");
        let out = bin(&db, &["check"]);
        assert!(out.status.success(), "{step}: {}", text(&out.stdout));
        assert_eq!(files_holding(&db, name), Vec::<String>::new(), "{step}");
        assert!(!db.join("erasure.pending").exists(), "{step}");
        let out = bin(&db, &["backup", "restore", "--yes"]);
        assert!(out.status.success(), "{step}: {}", text(&out.stderr));
        let csv = bin(&db, &["export", "csv", "mentees"]);
        assert!(!text(&csv.stdout).contains(name), "{step}");
        assert_eq!(files_holding(&db, name), Vec::<String>::new(), "{step}");
    }
}

/// A backup kept elsewhere from before an erasure is refused: restoring it
/// would bring the erased person back.
#[test]
fn a_backup_that_predates_an_erasure_is_never_restored() {
    let (dir, db, id) = named_school();
    let name = NAME;
    let kept = dir.path().join("kept.json");
    std::fs::copy(a_backup(&db), &kept).unwrap();
    let out = bin(&db, &["erase", "mentee", &id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kept_arg = kept.to_string_lossy().into_owned();
    let out = bin(&db, &["backup", "restore", &kept_arg, "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("до удаления персональных данных"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(files_holding(&db, name), Vec::<String>::new());
    // Nor into a new directory beside it, named from this database.
    let elsewhere = dir.path().join("elsewhere");
    let to = elsewhere.to_string_lossy().into_owned();
    let out = bin(&db, &["backup", "restore", &kept_arg, "--to", &to, "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(!elsewhere.exists());
}

/// Only as the helper of the test below (it does nothing otherwise): holds
/// the database as an interface would, in a session of its own, with no
/// terminal, until killed.
#[test]
fn helper_holding_the_database_as_an_interface_without_a_terminal() {
    let Some(db) = std::env::var_os("NASTAVNIK_TEST_HOLD") else {
        return;
    };
    let db = Path::new(&db);
    let _store = Store::open(db).unwrap();
    nastavnik::store::lock::note_interface(db).unwrap();
    println!("held");
    std::thread::sleep(Duration::from_secs(60));
}

/// A child that is ended and reaped whatever happens to the test.
struct Reaped(std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The curator reconnects while an interface without a terminal still
/// holds the database: the new one says so, asks, ends it, and opens.
#[test]
fn an_interface_left_without_a_terminal_is_taken_over_after_a_question() {
    use std::io::BufRead;
    use std::os::unix::process::CommandExt;
    let (dir, db) = one_school();
    let mut helper = std::process::Command::new(std::env::current_exe().unwrap());
    helper
        .args([
            "--exact",
            "helper_holding_the_database_as_an_interface_without_a_terminal",
            "--nocapture",
        ])
        .env("NASTAVNIK_TEST_HOLD", &db)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped());
    // SAFETY: setsid in the child before exec: a session of its own, so
    // no controlling terminal, as an interface whose terminal hung up.
    unsafe {
        helper.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut holder = Reaped(helper.spawn().unwrap());
    let lines = std::io::BufReader::new(holder.0.stdout.take().unwrap());
    assert!(
        lines.lines().map_while(Result::ok).any(|l| l == "held"),
        "the helper never held the database"
    );
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("держит интерфейс без терминала");
    assert!(t.screen().contains(&format!("pid {}", holder.0.id())));
    let asked = Instant::now();
    t.type_text("д");
    t.key(common::term::Key::Enter);
    t.wait_for("Обзор");
    eprintln!("taken over in {:?}", asked.elapsed());
    assert!(
        holder.0.try_wait().unwrap().is_some(),
        "the old holder is gone"
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// A socket planted by another user where the holder's would be (a
/// directory others can write to): the client sends it nothing and says
/// why, instead of taking its «saved» for an answer.
#[test]
fn a_socket_that_is_not_this_users_is_sent_nothing() {
    if !common::root_for("to give the socket to another user") {
        return;
    }
    let (_dir, db) = one_school();
    let socket = db.join("nastavnik.sock");
    let fake = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    fake.set_nonblocking(true).unwrap();
    std::os::unix::fs::chown(&socket, Some(65534), Some(65534)).unwrap();
    let out = bin(&db, &["import", "mentors", "/nonexistent/люди.csv"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("принадлежит другому пользователю"), "{err}");
    assert!(err.contains("не отправлена"), "{err}");
    assert!(fake.accept().is_err(), "the fake holder was connected to");
}

/// A tmpfs of `mb` megabytes at `dir`, unmounted on drop; None where this
/// process may not mount (not root, or a sandbox that forbids it).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, mb: u32) -> Option<SmallDisk> {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let target = CString::new(dir.as_os_str().as_bytes()).ok()?;
        let (fs, opts) = (c"tmpfs", CString::new(format!("size={mb}m")).ok()?);
        // SAFETY: valid C strings; mounting a tmpfs touches no memory of ours.
        let rc = unsafe {
            libc::mount(
                fs.as_ptr(),
                target.as_ptr(),
                fs.as_ptr(),
                0,
                opts.as_ptr().cast(),
            )
        };
        (rc == 0).then(|| SmallDisk(dir.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        use std::os::unix::ffi::OsStrExt;
        if let Ok(target) = std::ffi::CString::new(self.0.as_os_str().as_bytes()) {
            // SAFETY: a valid C string; a lazy unmount of our own tmpfs.
            unsafe { libc::umount2(target.as_ptr(), libc::MNT_DETACH) };
        }
    }
}

/// `backup restore` on a full disk refuses before it moves anything: the
/// database stays as it was, and the message names its own file system.
#[test]
fn a_restore_on_a_full_disk_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = SmallDisk::mount(dir.path(), 8) else {
        eprintln!("SKIPPED: cannot mount a small tmpfs here");
        return;
    };
    let db = dir.path().join("db");
    let out = bin(&db, &["demo", "--seed", "1", "--as-of", "01.11.2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = bin(&db, &["backup", "now"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = text(&bin(&db, &["export", "csv", "mentees"]).stdout);
    // Fill the disk to its last byte.
    let mut fill = std::fs::File::create(dir.path().join("fill")).unwrap();
    let block = vec![0u8; 1 << 16];
    while std::io::Write::write_all(&mut fill, &block).is_ok() {}
    drop(fill);
    let out = bin(&db, &["backup", "restore", "--yes"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("нет места") && err.contains(&db.display().to_string()),
        "{err}"
    );
    assert!(err.contains("свободно 0 МБ"), "{err}");
    let aside: Vec<_> = std::fs::read_dir(&db)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .collect();
    assert!(aside.is_empty(), "nothing was moved aside");
    std::fs::remove_file(dir.path().join("fill")).unwrap();
    assert_eq!(
        text(&bin(&db, &["export", "csv", "mentees"]).stdout),
        before
    );
    assert!(bin(&db, &["check"]).status.success());
}

/// An empty database with the former files set aside beside it is not
/// called healthy: `check` says so and how to restore.
#[test]
fn check_does_not_call_an_empty_database_with_a_set_aside_copy_healthy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    drop(Store::open(&db).unwrap());
    assert!(bin(&db, &["check"]).status.success());
    std::fs::create_dir(db.join("damaged-2026-12-01-101500")).unwrap();
    let out = bin(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(
        said.contains("пуста") && said.contains("backup restore"),
        "{said}"
    );
}

/// A thousand connections that never say anything cost the holder at most
/// its cap of threads, and a real command is answered once they go.
#[test]
fn idle_connections_are_capped_and_a_command_is_answered_after_them() {
    let (dir, db) = one_school();
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    let threads = |pid: u32| {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .unwrap()
            .count()
    };
    let before = threads(t.pid());
    let idle: Vec<_> = (0..1000)
        .filter_map(|_| std::os::unix::net::UnixStream::connect(db.join("nastavnik.sock")).ok())
        .collect();
    assert!(idle.len() > 100, "{}", idle.len());
    std::thread::sleep(Duration::from_millis(300));
    let during = threads(t.pid());
    assert!(
        during <= before + 16,
        "{before} threads before, {during} with idle connections"
    );
    drop(idle);
    let out = bin(&db, &["org", "list"]);
    assert!(
        text(&out.stdout).contains("СОШ № 5"),
        "{}",
        text(&out.stderr)
    );
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Damage met after the open (a record that no longer reads) names the
/// newest backup and the command that restores it, as damage at the open.
#[test]
fn damage_found_in_a_record_names_the_newest_backup_and_the_command() {
    let (_dir, db, id) = named_school();
    {
        let sled = sled::open(db.join("sled")).unwrap();
        let mentees = sled.open_tree("mentees").unwrap();
        assert!(mentees.get(id.to_be_bytes()).unwrap().is_some());
        mentees.insert(id.to_be_bytes(), &b"{not json"[..]).unwrap();
        sled.flush().unwrap();
    }
    let out = bin(&db, &["export", "csv", "mentees"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let backup = a_backup(&db).display().to_string();
    assert!(err.contains(&backup), "{err}");
    assert!(err.contains("backup restore"), "{err}");
    assert_eq!(err.matches("backup restore").count(), 1, "{err}");
}

/// A link planted at the journal of temporary files (`partial-writes`) is
/// never written through: the file it points to keeps every byte.
#[test]
fn a_link_planted_at_the_journal_is_never_written_through() {
    let (dir, db) = one_school();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "не трогать\n").unwrap();
    let journal = db.join("partial-writes");
    let _ = std::fs::remove_file(&journal);
    std::os::unix::fs::symlink(&victim, &journal).unwrap();
    let exported = dir.path().join("copy.json");
    let to = exported.to_string_lossy().into_owned();
    // Every open cleans the journal; an export writes through it.
    let out = bin(&db, &["export", "json", "--out", &to]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(exported.exists());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "не трогать\n");
    // The link is gone; the journal is the program's own file again.
    assert!(journal.symlink_metadata().is_ok_and(|m| m.is_file()));
    std::fs::remove_file(&journal).unwrap();
    std::os::unix::fs::symlink(&victim, &journal).unwrap();
    let out = bin(&db, &["status"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "не трогать\n");
}

/// `nastavnik.holder.<pid>` left by a killed process goes at the next
/// open; a live process's stays.
#[test]
fn a_dead_processs_holder_draft_is_removed_at_the_next_open() {
    let (_dir, db) = one_school();
    // A pid that was just alive and is now reaped.
    let mut gone = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("manpage")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let dead_draft = db.join(format!("nastavnik.holder.{dead}"));
    let live_draft = db.join(format!("nastavnik.holder.{}", std::process::id()));
    std::fs::write(&dead_draft, "pid=1\n").unwrap();
    std::fs::write(&live_draft, "pid=1\n").unwrap();
    let out = bin(&db, &["org", "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!dead_draft.exists());
    assert!(live_draft.exists());
}

/// Another user's directory is refused before anything is made in it.
#[test]
fn another_users_directory_is_refused_and_left_as_it_was() {
    if !common::root_for("to give a directory to another user") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    let out = bin(&theirs, &["org", "add", "МКОУ «СОШ № 5»"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("принадлежит"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&theirs).unwrap().count(),
        0,
        "nothing made there"
    );
}
