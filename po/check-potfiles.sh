#!/bin/sh
# check-potfiles.sh: fail when a source file with translatable strings is missing from
# po/POTFILES.in (its strings would never reach id.po and would show in English), when
# POTFILES.in names a file that no longer exists (xgettext would stop), or when a language in
# po/LINGUAS lacks a translation for a string of today's sources (untranslated or fuzzy).
#
#   check-potfiles.sh SRCDIR           check (the meson test 'check-potfiles')
#   check-potfiles.sh SRCDIR --print   print a fresh POTFILES.in, sorted by folder
set -eu

srcdir=${1:?usage: check-potfiles.sh SRCDIR [--print]}
cd "$srcdir"

# The glib gettext preset: _() N_() C_() NC_() g_dngettext() and plain ngettext().
marked='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\('

if [ "${2:-}" = "--print" ]; then
  echo "# Files with translatable strings, sorted by folder. Regenerate with"
  echo "#   po/check-potfiles.sh . --print > po/POTFILES.in"
  echo "# The meson test 'check-potfiles' (suite data) fails when one is missing."
  # Every folder below the source roots (the core is one folder per domain).
  for dir in $(find include/serah app -type d | sort); do
    files=$(grep -lE "$marked" $dir/*.c $dir/*.h 2>/dev/null | sort || true)
    [ -n "$files" ] && { echo "# $dir"; echo "$files"; }
  done
  echo "# ui"
  grep -l 'translatable="yes"' ui/*.ui | sort
  echo "# data"
  { ls data/*.in; grep -l 'gettext-domain=' data/*.gschema.xml; } | sort
  exit 0
fi

status=0
listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in | sort -u >"$listed"

{
  find app include/serah -name '*.[ch]' -print0 | xargs -0 grep -lE "$marked" 2>/dev/null || true
  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null || true
  ls data/*.in 2>/dev/null || true
  grep -l 'gettext-domain=' data/*.gschema.xml 2>/dev/null || true
} | sort -u >"$found"

missing=$(comm -23 "$found" "$listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:" >&2
  printf '  %s\n' $missing >&2
  status=1
fi

while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done <"$listed"

# Translations written into data/*.in by hand collide with the ones merged from po/ at build
# time (a .desktop file with two Comment[id] keys fails desktop-file-validate).
handmade=$(grep -lE '^[A-Za-z]+\[[A-Za-z_@]+\]=|xml:lang=' data/*.in 2>/dev/null || true)
if [ -n "$handmade" ]; then
  echo "Translations belong in po/*.po, not in these templates:" >&2
  printf '  %s\n' $handmade >&2
  status=1
fi

# A new string without a translation would show in English to the people at the desk. Check
# each .po against a template made from today's sources (the keywords and flags of meson's
# 'glib' gettext preset), so a string added without updating the .po counts as untranslated.
pot=$(mktemp)
merged=$(mktemp)
trap 'rm -f "$listed" "$found" "$pot" "$merged"' EXIT
xgettext --package-name=serah -f po/POTFILES.in -D . -o "$pot" -k_ \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format 2>"$merged" || { cat "$merged" >&2; exit 1; }
# A warning here is a string that cannot be translated as written: most often a
# G_GINT64_FORMAT inside _() (xgettext stops the msgid at the macro; use %lld and a cast).
if [ -s "$merged" ]; then
  cat "$merged" >&2
  status=1
fi

for lang in $(sed 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if ! msgmerge --quiet --no-fuzzy-matching -o "$merged" "$po" "$pot"; then
    status=1
    continue
  fi
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$merged" 2>&1); then
    echo "$stats" >&2
    status=1
    continue
  fi
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "$po lacks translations for these strings (first 20 of each kind); run" >&2
      echo "  meson compile -C build serah-update-po, then translate every empty and fuzzy entry" >&2
      LC_ALL=C msgattrib --only-fuzzy --no-obsolete "$merged" | sed -n '/^#:/p' | head -20 >&2
      LC_ALL=C msgattrib --untranslated --no-obsolete "$merged" | sed -n '/^#:/p' | head -20 >&2
      status=1 ;;
  esac
done

exit $status
