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
    echo "# command: $*"
    failed=1
  fi
}

# ok DESCRIPTION / not_ok DESCRIPTION [DETAIL...]: a result the test decided itself; each
# DETAIL is printed as a TAP comment line.
ok() {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok() {
  local detail
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for detail in "$@"; do
    echo "# $detail"
  done
}

# finish [EXPECTED]: prints the plan and exits with the result. With EXPECTED (the number of
# tests the script means to run), a different count fails, as a plan printed up front would.
finish() {
  if [ $# -gt 0 ] && [ "$n" -ne "$1" ]; then
    n=$((n + 1))
    echo "not ok $n - the script ran $((n - 1)) tests, it plans $1"
    failed=1
  fi
  echo "1..$n"
  exit $failed
}

# pdf_text PDF: the PDF's text in reading order (pdftotext, never -layout) with every run of
# white space folded into one space, so that a check never depends on where a line wraps.
pdf_text() {
  pdftotext -enc UTF-8 "$1" - | tr -s '[:space:]' ' '
}

# has TEXT_FILE STRING: STRING (white space folded the same way) stands in TEXT_FILE.
has() {
  local needle
  needle=$(printf '%s' "$2" | tr -s '[:space:]' ' ')
  grep -qF -- "$needle" "$1"
}

# has_id TEXT_FILE ID: an identifier (NIK, card number) stands in TEXT_FILE with every space and
# line-end hyphen removed from both.
has_id() {
  local needle
  needle=$(printf '%s' "$2" | tr -d '[:space:]')
  sed 's/- //g' "$1" | tr -d '[:space:]' | grep -qF -- "$needle"
}
