#!/usr/bin/env bash
# bench/run-gui-start.sh BUILD_DIR: how long the real window takes to start on a big register
# (issue #10 targets at a million participants: a window with content in under 1.5 s, idle in
# under 3 s, under 200 MB resident).
#
# Uses the database in $SERAH_BENCH_DB if set (bench/run hands over the 1 000 000-row one that
# run-register.sh built), else generates SERAH_BENCH_ROWS participants (default 100 000) and
# imports them. Then starts `serah --db DB` under xvfb-run (1366x768, GSK_RENDERER=cairo, no
# GL) SERAH_BENCH_ROUNDS times (default 3), each on a fresh copy of the database's page cache
# state as the previous run left it, and records:
#  - first frame: from spawning the process to the first frame the window paints (reported by
#    the program itself with SERAH_BENCH_STARTUP=1, CLOCK_MONOTONIC);
#  - idle: from spawning to the last time the process used CPU before 3 s without any (every
#    thread counted: the reports and print workers too);
#  - CPU: user+sys until idle; max RSS: VmHWM.
# The caret does not blink during the measurement (see below). SERAH_BENCH_TRACE=1 prints
# every change of the CPU figure with its time.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
rows="${SERAH_BENCH_ROWS:-100000}"
rounds="${SERAH_BENCH_ROUNDS:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in xvfb-run python3; do
  command -v "$tool" >/dev/null || { echo "run-gui-start: $tool is needed" >&2; exit 2; }
done

db="${SERAH_BENCH_DB:-}"
if [ -z "$db" ]; then
  db="$tmp/serah.db"
  "$build/bench/gen-participants" "$rows" "$tmp/list.csv"
  "$build/app/cli/serah-cli" --db "$db" import "$tmp/list.csv" >/dev/null 2>&1
fi
n=$("$build/app/cli/serah-cli" --db "$db" --json stats 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin).get("participants", "?"))' || echo "?")

# The caret of the focused search field blinks for 10 s (gtk-cursor-blink-timeout), a few
# milliseconds of CPU every half second that would hide "idle": off for the measurement.
mkdir -p "$tmp/config/gtk-4.0"
printf '[Settings]\ngtk-cursor-blink=false\n' > "$tmp/config/gtk-4.0/settings.ini"
export XDG_CONFIG_HOME="$tmp/config"

cat > "$tmp/measure.py" <<'EOF'
import os, sys, time, signal, subprocess
prog, db, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ, SERAH_BENCH_STARTUP="1", GSK_RENDERER="cairo", GDK_DEBUG="gl-disable",
           GTK_A11Y="none", GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
hz = os.sysconf("SC_CLK_TCK")
results = []
for r in range(rounds):
    t0 = time.monotonic()
    p = subprocess.Popen([prog, "--db", db], env=env, stderr=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, text=True)
    os.set_blocking(p.stderr.fileno(), False)
    first = None
    last_cpu, last_change = -1, t0
    hwm = 0
    err = ""
    while True:
        time.sleep(0.02)
        try:
            chunk = p.stderr.read()
        except (BlockingIOError, TypeError):
            chunk = None
        if chunk:
            err += chunk
            for line in err.splitlines():
                if line.startswith("serah-startup: first-frame ") and first is None:
                    first = int(line.split()[-1]) / 1e6 - t0
        if p.poll() is not None:
            sys.exit("run-gui-start: serah exited early:\n" + err)
        with open("/proc/%d/stat" % p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / hz
        with open("/proc/%d/status" % p.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) // 1024
        now = time.monotonic()
        if cpu != last_cpu:
            if os.environ.get("SERAH_BENCH_TRACE"): print("    %.2f s: cpu %.2f s, RSS hwm %d MB" % (now - t0, cpu, hwm))
            last_cpu, last_change = cpu, now
        if first is not None and now - last_change > 3.0:
            break
        if now - t0 > 300:
            break
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    results.append((first if first is not None else float("nan"), last_change - t0, last_cpu, hwm))
    print("  run %d: first frame %.2f s, idle %.2f s, cpu %.2f s, max RSS %d MB"
          % (r + 1, *results[-1]))
results.sort()
first, idle, cpu, hwm = results[len(results) // 2]
print("  median of %d: first frame %.2f s (target < 1.5 s: %s), idle %.2f s (< 3 s: %s), "
      "cpu %.2f s, max RSS %d MB (< 200 MB: %s)"
      % (len(results), first, "met" if first < 1.5 else "MISSED", idle,
         "met" if idle < 3 else "MISSED", cpu, hwm, "met" if hwm < 200 else "MISSED"))
EOF

# The reference, measured in the same run: the same program on a register of 1 000 people
# (what GTK, libadwaita and the pages cost whatever the size).
"$build/bench/gen-participants" 1000 "$tmp/small.csv"
"$build/app/cli/serah-cli" --db "$tmp/small.db" import "$tmp/small.csv" >/dev/null 2>&1

echo "GUI start, reference: 1000 participants, $rounds runs under Xvfb:"
xvfb-run -a -s "-screen 0 1366x768x24" \
  python3 "$tmp/measure.py" "$build/app/gui/serah" "$tmp/small.db" "$rounds" | tee "$tmp/small.txt"
echo "GUI start on $n participants ($(du -k "$db" | cut -f1) KiB), $rounds runs under Xvfb:"
xvfb-run -a -s "-screen 0 1366x768x24" \
  python3 "$tmp/measure.py" "$build/app/gui/serah" "$db" "$rounds" | tee "$tmp/big.txt"
python3 - "$tmp/small.txt" "$tmp/big.txt" <<'EOF2'
import re, sys
def median(path):
    line = [l for l in open(path) if "median of" in l][0]
    first, idle, cpu, rss = re.findall(r"first frame ([\d.]+) s.*idle ([\d.]+) s.*cpu ([\d.]+) s, max RSS (\d+) MB", line)[0]
    return float(first), float(idle), float(cpu), int(rss)
s, b = median(sys.argv[1]), median(sys.argv[2])
print("  against the reference: first frame %.2fx, idle %.2fx, cpu %.2fx (%.2f s vs %.2f s), RSS +%d MB"
      % (b[0] / s[0], b[1] / s[1], b[2] / s[2] if s[2] else 0, b[2], s[2], b[3] - s[3]))
EOF2
