//! Samples this process and its browser every 50 ms from `/proc` (Linux only): CPU time of the
//! whole process tree, peak memory of this process plus the browser's processes, and how long
//! the browser's processes outlive the sync.
//!
//! "The browser's processes" are this process's descendants plus every process whose command
//! line names a browser profile (`PROFILE_PREFIX`) that one of those descendants named: other
//! programs' browsers (a concurrent test run) are not counted, and a process the browser left
//! behind (reparented to init) still is.

use fossa_core::workfossa::browser::PROFILE_PREFIX;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Clock ticks a second, for `/proc/<pid>/stat` times (`getconf CLK_TCK`, else 100).
pub fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// Fields of `/proc/<pid>/stat` after the command name: (ppid, utime+stime, cutime+cstime).
fn stat_times(path: &str) -> Option<(u32, u64, u64)> {
    let text = std::fs::read_to_string(path).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After ")": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    Some((num(1)? as u32, num(11)? + num(12)?, num(13)? + num(14)?))
}

/// This process's own CPU ticks (all its threads) and its reaped children's.
pub fn self_ticks() -> (u64, u64) {
    stat_times("/proc/self/stat")
        .map(|(_, own, children)| (own, children))
        .unwrap_or((0, 0))
}

fn cmdline(pid: u32) -> Option<String> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    Some(String::from_utf8_lossy(&raw).replace('\0', " "))
}

/// (RSS, PSS) in kB from `smaps_rollup`.
fn memory_kb(pid: u32) -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
    };
    Some((field("Rss:")?, field("Pss:")?))
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.flatten()
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse().ok()))
                .collect()
        })
        .unwrap_or_default()
}

/// Descendants of `root` through `/proc/<pid>/task/<tid>/children`.
fn descendants(root: u32) -> BTreeSet<u32> {
    let mut found = BTreeSet::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
                if found.insert(child) {
                    queue.push(child);
                }
            }
        }
    }
    found
}

/// The profile folder name (`fossa-sync-browser-XXXX`) a command line names, if any.
fn profile_name(cmdline: &str) -> Option<String> {
    let at = cmdline.find(PROFILE_PREFIX)?;
    let name: String = cmdline[at..]
        .chars()
        .take_while(|c| *c != '/' && !c.is_whitespace() && *c != '\'')
        .collect();
    Some(name)
}

/// What the sampler keeps.
#[derive(Default, Debug, Clone)]
pub struct Samples {
    /// Last CPU ticks seen per browser process (utime+stime, their own only).
    pub browser_ticks: HashMap<u32, u64>,
    /// Peak of (this process's RSS + the browser processes' RSS), kB.
    pub peak_rss_kb: u64,
    /// Peak of the same sum in PSS (shared pages divided among their users), kB.
    pub peak_pss_kb: u64,
    /// Most browser processes alive at once.
    pub peak_processes: usize,
    /// Profile folder names the browser processes named.
    pub profiles: BTreeSet<String>,
    /// CPU ticks of the sampling thread itself (to take out of this process's figure).
    pub sampler_ticks: u64,
    /// Samples taken.
    pub count: u64,
}

impl Samples {
    pub fn browser_ticks_total(&self) -> u64 {
        self.browser_ticks.values().sum()
    }
}

/// The browser's processes alive now (as [`Samples`] defines them), with their command lines.
fn browser_now(me: u32, profiles: &mut BTreeSet<String>) -> Vec<u32> {
    let mut found: BTreeSet<u32> = descendants(me);
    for &pid in &found {
        if let Some(name) = cmdline(pid).as_deref().and_then(profile_name) {
            profiles.insert(name);
        }
    }
    if !profiles.is_empty() {
        for pid in all_pids() {
            if pid == me || found.contains(&pid) {
                continue;
            }
            if let Some(line) = cmdline(pid) {
                if profiles.iter().any(|p| line.contains(p.as_str())) {
                    found.insert(pid);
                }
            }
        }
    }
    found.into_iter().collect()
}

/// A sampling thread; [`Sampler::stop`] ends it and returns what it saw.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    profiles: Arc<Mutex<BTreeSet<String>>>,
    handle: JoinHandle<Samples>,
}

impl Sampler {
    pub fn start(every: Duration) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let profiles = Arc::new(Mutex::new(BTreeSet::new()));
        let seen = profiles.clone();
        let handle = std::thread::spawn(move || {
            let me = std::process::id();
            let mut samples = Samples::default();
            loop {
                let last = flag.load(Ordering::Relaxed);
                sample(me, &mut samples);
                if let Ok(mut seen) = seen.lock() {
                    seen.clone_from(&samples.profiles);
                }
                if last {
                    break;
                }
                std::thread::sleep(every);
            }
            samples.sampler_ticks = stat_times("/proc/thread-self/stat")
                .map(|(_, own, _)| own)
                .unwrap_or(0);
            samples
        });
        Self {
            stop,
            profiles,
            handle,
        }
    }

    /// The browser profiles seen so far.
    pub fn profiles(&self) -> BTreeSet<String> {
        self.profiles.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Takes one last sample and returns them all.
    pub fn stop(self) -> Samples {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or_default()
    }
}

fn sample(me: u32, samples: &mut Samples) {
    samples.count += 1;
    let pids = browser_now(me, &mut samples.profiles);
    let (mut rss, mut pss) = memory_kb(me).unwrap_or((0, 0));
    for &pid in &pids {
        if let Some((_, ticks, _)) = stat_times(&format!("/proc/{pid}/stat")) {
            samples.browser_ticks.insert(pid, ticks);
        }
        if let Some((r, p)) = memory_kb(pid) {
            rss += r;
            pss += p;
        }
    }
    samples.peak_rss_kb = samples.peak_rss_kb.max(rss);
    samples.peak_pss_kb = samples.peak_pss_kb.max(pss);
    samples.peak_processes = samples.peak_processes.max(pids.len());
}

/// Polls every 10 ms until no process names one of `profiles` (and none is left in the temp
/// folder): (time until no process, time until no profile folder), `None` past `limit`.
pub fn time_until_gone(
    profiles: &BTreeSet<String>,
    limit: Duration,
) -> (Option<Duration>, Option<Duration>) {
    let started = Instant::now();
    let me = std::process::id();
    let (mut processes, mut folders) = (None, None);
    while started.elapsed() < limit && (processes.is_none() || folders.is_none()) {
        if processes.is_none() {
            let any = all_pids().into_iter().filter(|&p| p != me).any(|pid| {
                cmdline(pid).is_some_and(|l| profiles.iter().any(|p| l.contains(p.as_str())))
            });
            if !any {
                processes = Some(started.elapsed());
            }
        }
        if folders.is_none()
            && !profiles
                .iter()
                .any(|p| std::env::temp_dir().join(p).exists())
        {
            folders = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    (processes, folders)
}
