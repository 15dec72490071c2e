# e2e-lib.sh: TAP helpers shared by the shell end-to-end tests (sourced, not run).
# The test sets $work (a scratch folder) first; the helpers count into $n and $failed.
n=0
failed=0

# run EXPECTED_STATUS DESCRIPTION CMD...: runs CMD with stdin closed (no PIN prompt);
# stdout goes to $work/out, stderr to $work/err.
run() {
  local want=$1 what=$2
  shift 2
  n=$((n + 1))
  "$@" </dev/null >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what (exit $got, wanted $want)"
    sed 's/^/# /' "$work/err"
    failed=1
  fi
}

# check DESCRIPTION COMMAND...: a plain shell condition as a test.
check() {
  local what=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what"
    failed=1
  fi
}

# finish: prints the plan and exits with the result.
finish() {
  echo "1..$n"
  exit $failed
}
