//! Makes sure headless Chromium and chromedriver are there for the browser tests:
//! installs them with apt-get where we can, and otherwise says the one command
//! that fixes it. The browser tests never skip silently.

use std::process::Command;

use crate::{run_command, Result};

const INSTALL: &str = "apt-get update && apt-get install -y chromium chromium-driver";

/// Chromium and chromedriver on PATH, installing them as root when missing.
pub fn ensure_chromium() -> Result<()> {
    if found("chromium") && found("chromedriver") {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "the browser tests need Chromium and chromedriver, which are not installed; run `sudo sh -c '{INSTALL}'` and try again"
        ));
    }
    println!("xtask: installing chromium and chromium-driver with apt-get");
    let mut update = Command::new("apt-get");
    update.arg("update");
    run_command(update)?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive");
    run_command(install)?;
    if found("chromium") && found("chromedriver") {
        Ok(())
    } else {
        Err(format!(
            "apt-get finished but chromium or chromedriver is still not on PATH; try `{INSTALL}` by hand"
        ))
    }
}

fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
