"""Lab machines benchmark (stdlib + project only; prints figures, asserts nothing).

Name resolution through a 1,000-line hosts file (the parse is cached by the file's text, so
only the first lookup after an edit pays for it), a directory tree of 2,000 files listed with
Get-ChildItem -Recurse, and 200 Add-Content + Get-Content rounds through the shell."""

from __future__ import annotations

import time

from exshell import Shell
from state.model.filesystem import HOSTS_PATH, parse_hosts


def timed(label: str, fn, repeat: int = 1) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    each = (time.perf_counter() - t0) / repeat
    print(f"{label:<58} {each * 1e6:10.1f} us")
    return each


def main() -> None:
    sh = Shell()
    world = sh.world
    server = world.server("MBX1")
    lines = "".join(f"10.9.{i // 250}.{i % 250} host{i:04}\r\n" for i in range(1000))
    server.files.write(HOSTS_PATH, lines)

    def first() -> None:
        parse_hosts.cache_clear()
        world.resolve("MBX1", "host0999")

    cold = timed("resolve, hosts file of 1,000 lines, parse not cached", first, 50)
    warm = timed("resolve, hosts file of 1,000 lines, parse cached", lambda: world.resolve("MBX1", "host0999"), 2000)
    timed("resolve, name only in DNS (hosts file read first)", lambda: world.resolve("MBX1", "MBX2"), 2000)
    print(f"{'uncached / cached':<58} {cold / warm:10.0f} x")

    for d in range(40):
        for f in range(50):
            server.files.write(f"C:\\Data\\D{d:02}\\file{f:02}.txt", "x" * f)
    sh.run("$null")                     # load the engine before timing commands
    t0 = time.perf_counter()
    res = sh.run(r"Get-ChildItem C:\Data -Recurse | Measure-Object | Out-Null")
    print(f"{'Get-ChildItem -Recurse over 2,040 items (one run)':<58} {(time.perf_counter() - t0) * 1e3:10.1f} ms"
          f"{'' if res.ok else '  (errors: ' + res.errors[0].message + ')'}")
    t0 = time.perf_counter()
    for i in range(200):
        sh.run(rf"Add-Content C:\log.txt 'line {i}'; $null = Get-Content C:\log.txt")
    print(f"{'Add-Content + Get-Content round (200 rounds, per round)':<58} "
          f"{(time.perf_counter() - t0) / 200 * 1e3:10.2f} ms")


if __name__ == "__main__":
    main()
