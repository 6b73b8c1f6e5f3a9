"""A built site served on loopback by nginx with the committed hosting/nginx/ configuration, only its folder
paths replaced: the hosting tests and the benchmark's Lighthouse runs both serve the site this way, so both
see what an intranet's nginx sends (gzip, caching headers, the Content-Security-Policy, the sub-path)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOSTING = Path(__file__).resolve().parents[2] / "hosting" / "nginx"
PREFIX = "/intranet/sygefravaer/"  # where hosting/nginx/sygefravaer.conf puts the site
# The folders the committed configuration names, as its comments tell an administrator to change them.
CONFIG_FOLDER, SITE_FOLDER = "/etc/nginx/sygefravaer/", "/var/www/sygefravaer/"


class NginxError(RuntimeError):
    """nginx is missing, rejects the configuration or did not start; the message says which, with its output."""


def free_port() -> int:
    """A loopback port no one listens on (for nginx here, and for the test and benchmark servers)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answering(port: int, process: subprocess.Popen, timeout: float) -> bool:
    """Whether the process started to listen on the loopback port before it exited or the time ran out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.05)


@contextlib.contextmanager
def serve(site: Path, work: Path, timeout: float = 10) -> Iterator[str]:
    """nginx serving `site` (its configuration and temporary files under `work`) until the block ends; yields its
    origin, http://127.0.0.1:<free port> (the site is at origin + PREFIX)."""
    if not Path(NGINX).exists():
        raise NginxError(f"{NGINX} is missing: install Debian's nginx package")
    config = work / "sygefravaer"
    config.mkdir(parents=True, exist_ok=True)
    for source in HOSTING.glob("*.conf"):
        text = source.read_text(encoding="utf-8")
        text = text.replace(CONFIG_FOLDER, f"{config}/").replace(SITE_FOLDER, f"{Path(site).resolve()}/")
        (config / source.name).write_text(text, encoding="utf-8")
    port = free_port()
    temp = "".join(f"{kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        ("user root root;\n" if os.geteuid() == 0 else "")  # the site may lie in root's private temp folder
        + f"daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        "events {}\nhttp {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log off;\n{temp}  server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n"
        f"    include {config}/sygefravaer.conf;\n  }}\n}}\n", encoding="utf-8")
    command = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise NginxError(f"nginx rejects the configuration:\n{check.stderr}")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        if not answering(port, server, timeout):
            server.kill()
            raise NginxError(f"nginx did not start: {server.stderr.read().decode()}")
        yield f"http://127.0.0.1:{port}"
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
