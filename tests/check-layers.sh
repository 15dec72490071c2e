#!/bin/sh
# check-layers.sh: keeps the layers of Serah apart (the meson test 'check-layers', suite data,
# TAP output). The rule it checks is HOUSE-STYLE's "one rule for the store":
#
#   1. app/gui and app/cli call no serah_store_* function but those of the connection itself,
#      declared in include/serah/store/serah-store.h; every query is a domain function.
#   2. no public header (include/serah/) includes a private header of the core or GTK: the
#      library's users see neither its insides nor a toolkit.
#   3. no core file (app/core/) includes anything of app/gui or app/cli, nor GTK.
#   4. the include graph of app/core + include/serah has no circle (tools/include-cycles.py
#      prints them; the baseline below is 0 since the records headers came in: keep it so).
#
#   check-layers.sh SRCDIR
set -eu

srcdir=${1:?usage: check-layers.sh SRCDIR}
cd "$srcdir"

n=0
failed=0
result () {
  # result OK|FAIL DESCRIPTION [DIAGNOSTICS]
  n=$((n + 1))
  if [ "$1" = OK ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    printf '%s\n' "$3" | sed '/^$/d; s/^/# /'
  fi
}

# C source without its comments, so that prose naming a store function is not a call.
strip_comments () {
  perl -0pe 's{/\*.*?\*/}{}gs; s{//[^\n]*}{}g' "$1"
}

echo "1..4"

# 1. store calls above the core
public_store=$(strip_comments include/serah/store/serah-store.h |
               grep -oE 'serah_store_[a-z_]+[[:space:]]*\(' | grep -oE 'serah_store_[a-z_]+' |
               sort -u)
# G_DECLARE_FINAL_TYPE (SerahStore, serah_store, ...) declares these two.
public_store=$(printf '%s\nserah_store_get_type\nSERAH_STORE\n' "$public_store")
bad=""
for f in $(find app/gui app/cli -name '*.[ch]' | sort); do
  for fn in $(strip_comments "$f" | grep -oE '\bserah_store_[a-z_]+[[:space:]]*\(' |
              grep -oE 'serah_store_[a-z_]+' | sort -u); do
    if ! printf '%s\n' "$public_store" | grep -qx "$fn"; then
      bad="$bad$f calls $fn (private to the core: call or add a domain function)
"
    fi
  done
done
if [ -z "$bad" ]; then
  result OK "app/gui and app/cli call only the connection's serah_store_* functions"
else
  result FAIL "app/gui and app/cli call only the connection's serah_store_* functions" "$bad"
fi

# 2. public headers
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*("|<[^>]*-private\.h>|<gtk/|<gdk/|<adwaita\.h>)' \
        $(find include/serah -name '*.h' | sort) || true)
if [ -z "$bad" ]; then
  result OK "public headers include no private header and no GTK"
else
  result FAIL "public headers include no private header and no GTK" "$bad"
fi

# 3. core files
bad=""
for f in $(find app/core -name '*.[ch]' | sort); do
  for inc in $(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/p' "$f"); do
    case "$inc" in
      */gui/*|*/cli/*|gui/*|cli/*) bad="$bad$f includes \"$inc\"
" ; continue ;;
    esac
    # a bare name found beside the file, or on the core's include path, is the core's own
    if [ ! -e "$(dirname "$f")/$inc" ] && [ ! -e "app/core/$inc" ] && [ "$inc" != config.h ] &&
       { [ -e "app/gui/$inc" ] || [ -e "app/cli/$inc" ]; }; then
      bad="$bad$f includes \"$inc\" (a file of app/gui or app/cli)
"
    fi
  done
  gtk=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(gtk/|gdk/|adwaita\.h)' "$f" || true)
  [ -n "$gtk" ] && bad="$bad$f: $gtk
"
done
if [ -z "$bad" ]; then
  result OK "core files include nothing of app/gui, app/cli or GTK"
else
  result FAIL "core files include nothing of app/gui, app/cli or GTK" "$bad"
fi

# 4. include circles
baseline=0
if command -v python3 >/dev/null 2>&1; then
  cycles=$(python3 tools/include-cycles.py --count .)
  if [ "$cycles" -le "$baseline" ]; then
    result OK "include circles among core files: $cycles (baseline $baseline)"
  else
    result FAIL "include circles among core files: $cycles (baseline $baseline)" \
      "$(python3 tools/include-cycles.py .)"
  fi
else
  result FAIL "include circles among core files" "python3 is needed (meson itself runs on it)"
fi

[ "$failed" -eq 0 ]
