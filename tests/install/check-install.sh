#!/bin/bash
# check-install.sh BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR LOCALEDIR FIXTURE_CSV: `meson install` into a
# temporary DESTDIR, then the installed programs must work from the installed files alone.
# Serah is installed on desks that have no source tree: a template found only because the
# build machine's print-templates/ was compiled in would fail there, not here. So this test
# checks that the installed serah-cli runs --help, finds the `kis` template in its own
# installed tree (SERAH_TEMPLATES_DIR is unset) and prints a card with it, and that no
# installed file names the build or source folder.
set -u
build=$(cd "$1" && pwd) source=$(cd "$2" && pwd) prefix=$3 fixture=$7

n=0 failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/serah-install-XXXXXX")
trap 'rm -rf "$work"' EXIT
dest="$work/dest"
root="$dest$prefix"
# meson's bindir, datadir and localedir: relative to the prefix, or absolute.
in_dest () { case "$1" in /*) echo "$dest$1" ;; *) echo "$root/$1" ;; esac; }
bin=$(in_dest "$4") data=$(in_dest "$5") locale=$(in_dest "$6")
cli="$bin/serah-cli"

# A clean environment: no SERAH_TEMPLATES_DIR, no build-tree locale or schema folders, and
# a working folder outside both trees.
# A clean environment, but for the sanitizer run's own settings (its leak suppressions for
# system libraries): they describe how the binary was built, not where its data is.
sanitizer_env=()
for v in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS G_SLICE; do
  [ -n "${!v:-}" ] && sanitizer_env+=("$v=${!v}")
done
run_cli () { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" LC_ALL=C.UTF-8 "${sanitizer_env[@]}" "$cli" "$@"); }

echo "1..7"
if meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$work/install.log" 2>&1; then
  ok "meson install --destdir succeeds"
else
  not_ok "meson install --destdir succeeds"
  sed 's/^/# /' "$work/install.log"
fi

if [ -x "$cli" ]; then ok "serah-cli is installed in ${bin#$dest}"; else not_ok "serah-cli is installed in ${bin#$dest}"; fi

if run_cli --help >"$work/help.txt" 2>&1 && grep -q '^  templates' "$work/help.txt"; then
  ok "the installed serah-cli runs --help"
else
  not_ok "the installed serah-cli runs --help"
  sed 's/^/# /' "$work/help.txt"
fi

# templates<TAB>kis<TAB>title<TAB>path: the path must be the installed copy.
run_cli --db "$work/list.db" templates >"$work/templates.txt" 2>&1
kis=$(awk -F '\t' '$1 == "templates" && $2 == "kis" { print $4 }' "$work/templates.txt")
case "$kis" in
  "$data/serah/print-templates/kis.card") ok "kis is found in the installed tree: ${kis#$dest}" ;;
  *) not_ok "kis is found in the installed tree (got '${kis}')"; sed 's/^/# /' "$work/templates.txt" ;;
esac

# Loading and drawing it too: the template, its logo and the sheet all come from the tree.
if run_cli --db "$work/print.db" import "$fixture" >"$work/print.log" 2>&1 &&
   run_cli --db "$work/print.db" print --template kis --sheet a4-2x5 -o "$work/cards.pdf" \
     >>"$work/print.log" 2>&1 &&
   [ "$(head -c 5 "$work/cards.pdf")" = "%PDF-" ]; then
  ok "the installed serah-cli prints with the installed kis template"
else
  not_ok "the installed serah-cli prints with the installed kis template"
  sed 's/^/# /' "$work/print.log"
fi

for f in "$data/applications/id.go.dinkes.Serah.desktop" "$data/metainfo/id.go.dinkes.Serah.metainfo.xml" \
         "$data/glib-2.0/schemas/id.go.dinkes.Serah.gschema.xml" \
         "$data/icons/hicolor/scalable/apps/id.go.dinkes.Serah.svg" \
         "$data/serah/print-templates/a4-2x5.sheet" "$locale/id/LC_MESSAGES/serah.mo"; do
  [ -f "$f" ] || missing="${missing:-} ${f#$dest}"
done
if [ -z "${missing:-}" ]; then ok "desktop, metainfo, schema, icon and translation are installed"
else not_ok "desktop, metainfo, schema, icon and translation are installed: missing$missing"; fi

# No installed file may name the build or the source folder (config.h paths, debug info).
# Both the GUI and serah-cli are searched, with everything else installed.
leaks=$(grep -rlaF -e "$source" -e "$build" "$dest" 2>/dev/null | sed "s|^$dest||")
if [ -z "$leaks" ]; then ok "no installed file names $source or $build"
else not_ok "no installed file names $source or $build:" ; printf '# %s\n' $leaks; fi

exit $failed
