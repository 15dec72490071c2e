/* serah-store-participant-window.c: the register read one window at a time (issue #10).
 *
 * At a million participants a list that asks for *every* match of what was typed (and puts
 * them in area order) costs tens to hundreds of milliseconds a key press: a one-letter or
 * NIK prefix matches hundreds of thousands of people. The Peserta list only shows a screen
 * of them, so it asks two cheap questions instead: how many match (counted up to a cap: past
 * a few thousand matches the person types more, nobody scrolls through them), and which ids
 * sit at positions [position, position + limit). Each kind of query is read in the order its
 * index gives, so no query sorts anything:
 *  - nothing typed: everyone, in area order (kecamatan, desa, name), a walk of the covering
 *    index participants_by_area. A window far down is reached with OFFSET, which steps the
 *    index without reading rows (about 25 ms CPU+wait for 900 000 steps at a million), and a
 *    window in the second half is read backwards from the end, so no window costs more than
 *    half the list (measured: bench-search "window" lines);
 *  - digits: NIK prefix matches in NIK order, then card number prefix matches (not already
 *    found by NIK) in card order: two ranges of the UNIQUE indexes;
 *  - three letters or more: names containing them (FTS5 trigram table), in register order
 *    (rowid: the order of the imports, which is by desa in practice); a long ASCII text asks
 *    for the few trigrams that cover it and keeps the names LIKE it (serah_store_fts_cover);
 *  - one or two letters: names with a word starting with them (FTS5 word-prefix table), in
 *    register order.
 * Row-value keyset paging ("(kecamatan, desa, name, id) > (?, ?, ?, ?)") would avoid the
 * OFFSET steps, but SQLite 3.40 does not turn it into a range of the NOCASE index (EXPLAIN
 * QUERY PLAN shows a full SCAN), and NULL kecamatan/desa break the comparison. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/serah-store-private.h"
#include "register/serah-store-participants-private.h"

typedef enum {
  QUERY_EVERYONE,
  QUERY_NUMBER,
  QUERY_NAME,   /* trigrams */
  QUERY_NAME_COVER, /* a long ASCII name: a few trigrams, then LIKE (serah_store_fts_cover) */
  QUERY_WORD,   /* word prefix */
} QueryKind;

#define AREA_ASC \
  " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE, name COLLATE NOCASE, id"
#define AREA_DESC \
  " ORDER BY kecamatan COLLATE NOCASE DESC, desa COLLATE NOCASE DESC," \
  " name COLLATE NOCASE DESC, id DESC"
/* ':' sorts right after '9': [prefix, prefix:) is every string starting with the prefix. */
#define NUMBER_MATCHES \
  "SELECT id FROM (SELECT id FROM participants WHERE nik >= ?1 AND nik < ?2 ORDER BY nik)" \
  " UNION ALL SELECT id FROM (SELECT id FROM participants WHERE card_no >= ?1 AND card_no < ?2" \
  " AND NOT (nik >= ?1 AND nik < ?2) ORDER BY card_no)"
#define NAME_MATCHES \
  "SELECT rowid AS id FROM participant_names WHERE participant_names MATCH ?1 ORDER BY rowid"
/* +name: the LIKE filters the rows the trigrams found; without the + SQLite hands it to
 * FTS5 as a second index constraint (EXPLAIN QUERY PLAN: L0M1), which reads every trigram. */
#define NAME_COVER_MATCHES \
  "SELECT rowid AS id FROM participant_names WHERE participant_names MATCH ?1" \
  " AND +name LIKE ?2 ESCAPE '\\' ORDER BY rowid"
#define WORD_MATCHES \
  "SELECT rowid AS id FROM participant_words WHERE participant_words MATCH ?1 ORDER BY rowid"

static const char everyone_asc_sql[] = "SELECT id FROM participants" AREA_ASC " LIMIT ?3 OFFSET ?4";
static const char everyone_desc_sql[] = "SELECT id FROM participants" AREA_DESC " LIMIT ?3 OFFSET ?4";
static const char number_sql[] = NUMBER_MATCHES " LIMIT ?3 OFFSET ?4";
static const char name_sql[] = NAME_MATCHES " LIMIT ?3 OFFSET ?4";
static const char word_sql[] = WORD_MATCHES " LIMIT ?3 OFFSET ?4";
static const char name_cover_sql[] = NAME_COVER_MATCHES " LIMIT ?3 OFFSET ?4";

static const char everyone_count_sql[] = "SELECT count(*) FROM participants";
static const char number_count_sql[] = "SELECT count(*) FROM (" NUMBER_MATCHES " LIMIT ?3)";
static const char name_count_sql[] = "SELECT count(*) FROM (" NAME_MATCHES " LIMIT ?3)";
static const char word_count_sql[] = "SELECT count(*) FROM (" WORD_MATCHES " LIMIT ?3)";
static const char name_cover_count_sql[] =
  "SELECT count(*) FROM (" NAME_COVER_MATCHES " LIMIT ?3)";

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* What the query asks and its two bound texts (?1, ?2), owned by the caller. */
static QueryKind
classify (const char *query, char **first, char **second)
{
  g_autofree char *needle = g_strstrip (g_strdup (query ? query : ""));

  *first = *second = NULL;
  if (*needle == '\0')
    return QUERY_EVERYONE;
  if (all_digits (needle))
    {
      *second = g_strconcat (needle, ":", NULL);
      *first = g_steal_pointer (&needle);
      return QUERY_NUMBER;
    }
  if (g_utf8_strlen (needle, -1) >= 3)
    {
      if (serah_store_fts_cover (needle, first, second))
        return QUERY_NAME_COVER;
      *first = serah_store_fts_phrase (needle, FALSE);
      return QUERY_NAME;
    }
  /* One or two letters match too much anywhere in a name: only where a word starts. */
  *first = serah_store_fts_phrase (needle, TRUE);
  return QUERY_WORD;
}

static sqlite3_stmt *
prepare_bound (SerahStore *self, const char *sql, const char *first, const char *second,
               GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (first != NULL)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  return stmt;
}

gint64
serah_store_count_participant_matches (SerahStore *self, const char *query, gint64 cap,
                                       gboolean *more, GError **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  QueryKind kind = classify (query, &first, &second);
  sqlite3_stmt *stmt;
  const char *sql;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (self), -1);

  switch (kind)
    {
    case QUERY_EVERYONE:
      /* Everyone is counted exactly (the whole list scrolls): count(*) walks the smallest
       * index, about 6 ms at a million. */
      cap = 0;
      sql = everyone_count_sql;
      break;
    case QUERY_NUMBER:
      sql = number_count_sql;
      break;
    case QUERY_NAME:
      sql = name_count_sql;
      break;
    case QUERY_NAME_COVER:
      sql = name_cover_count_sql;
      break;
    case QUERY_WORD:
    default:
      sql = word_count_sql;
      break;
    }
  stmt = prepare_bound (self, sql, first, second, error);
  if (stmt == NULL)
    return -1;
  /* One more than the cap tells "more than cap" from "exactly cap". */
  if (sql != everyone_count_sql)
    sqlite3_bind_int64 (stmt, 3, cap > 0 ? cap + 1 : -1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      serah_store_set_error (self, error, _("Cannot search participants"));
      return -1;
    }
  if (more != NULL)
    *more = cap > 0 && n > cap;
  return cap > 0 ? MIN (n, cap) : n;
}

static gboolean
append_window_id (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

GArray *
serah_store_participant_window (SerahStore *self, const char *query, gint64 position,
                                guint limit, gint64 n_matches, GError **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  QueryKind kind = classify (query, &first, &second);
  gboolean backwards = FALSE;
  gint64 offset = MAX (position, 0);
  gint64 count = limit;
  sqlite3_stmt *stmt;
  const char *sql;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  if (limit == 0)
    return g_steal_pointer (&ids);
  switch (kind)
    {
    case QUERY_EVERYONE:
      /* In the second half of a list of known length, step from the end: read the window
       * backwards (LIMIT rows ending at position + limit) and turn it round. */
      if (n_matches > 0 && offset > n_matches / 2)
        {
          gint64 end = MIN (offset + (gint64) limit, n_matches);
          if (end <= offset)
            return g_steal_pointer (&ids);
          backwards = TRUE;
          count = end - offset;
          offset = n_matches - end;
          sql = everyone_desc_sql;
        }
      else
        sql = everyone_asc_sql;
      break;
    case QUERY_NUMBER:
      sql = number_sql;
      break;
    case QUERY_NAME:
      sql = name_sql;
      break;
    case QUERY_NAME_COVER:
      sql = name_cover_sql;
      break;
    case QUERY_WORD:
    default:
      sql = word_sql;
      break;
    }
  stmt = prepare_bound (self, sql, first, second, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 3, count);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (!serah_store_foreach_row (self, stmt, append_window_id, ids,
                                _("Cannot search participants"), error))
    return NULL;
  if (backwards)
    for (guint i = 0, j = ids->len; i + 1 < j; i++, j--)
      {
        gint64 t = g_array_index (ids, gint64, i);
        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
        g_array_index (ids, gint64, j - 1) = t;
      }
  return g_steal_pointer (&ids);
}
