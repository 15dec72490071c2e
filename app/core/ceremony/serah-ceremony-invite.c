/* serah-ceremony-invite.c: who is invited to a ceremony: a selection (kecamatan, desa, print
 * run), a list of card numbers or NIKs, or such a list in a CSV file as spreadsheets write
 * it (read with libcsv). Each call is one transaction: all of it or nothing.
 */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>

#include "ceremony/serah-ceremony-private.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

void
serah_invite_problem_free (SerahInviteProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->value);
  g_free (self->message);
  g_free (self);
}

static void
add_problem (GPtrArray *problems, gint64 line, const char *value, char *message)
{
  SerahInviteProblem *p = g_new0 (SerahInviteProblem, 1);

  p->line = line;
  p->value = g_strdup (value);
  p->message = message;
  g_ptr_array_add (problems, p);
}

/* Who invited whom, and how many, in the transaction of the invitation. */
static gboolean
audit_invite (SerahStore *store, gint64 ceremony_id, const char *operator_name,
              const char *source, gint64 added, GError **error)
{
  g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, added);
  g_autofree char *details = serah_audit_details ("source", source, "added", count, NULL);
  return serah_audit_record (store, operator_name, "ceremony.invite", subject, details, error);
}

/* The end of a list invitation: audit, commit (or roll back), hand the results over. */
static gboolean
finish_invite (SerahStore *store, gint64 ceremony_id, const char *operator_name,
               const char *source, gint64 n_added, GPtrArray **found, gint64 *added,
               GPtrArray **problems, GError **error)
{
  if (!audit_invite (store, ceremony_id, operator_name, source, n_added, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (added != NULL)
    *added = n_added;
  if (problems != NULL)
    *problems = g_steal_pointer (found);
  return TRUE;
}

/* Inviting changes who may be handed a card: only while the ceremony is open. */
static gboolean
check_open (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCeremony) ceremony = serah_ceremony_get (store, ceremony_id, error);

  if (ceremony == NULL)
    return FALSE;
  if (ceremony->closed_at != 0)
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_CLOSED,
                   _("The ceremony “%s” is closed; nobody more can be invited."), ceremony->name);
      return FALSE;
    }
  return TRUE;
}

/* Why a selection is invited in slices of participant ids (issue #10, "memory flat"):
 * ceremony_invitations has row triggers (tallies, coverage counts), and SQLite runs an
 * INSERT ... SELECT into a table with row triggers in two passes: it first copies every
 * selected row, the bound operator and source text included, into a temporary b-tree, and
 * only then inserts from that copy, firing the triggers. With temp_store = MEMORY (the
 * store's setting) that copy lives in RAM: inviting a whole register of 1 000 000 held about
 * 390 MB of it (484 MB peak, against 91 MB for the same statement with temp_store = FILE, of
 * which 64 MB is the page cache). A range of ids bounds the copy to one slice, whatever the
 * size of the register. The slices all run in the caller's one transaction, so atomicity is
 * unchanged: every slice is committed with the audit record, or none is. */
#define INVITE_SLICE_BYTES (4 << 20)
#define INVITE_SLICE_MIN   256
#define INVITE_SLICE_MAX   65536

/* How many participant ids one slice covers: the copy's rows are about the area names, the
 * operator and the source, which repeats the whole selection (a long desa list makes wide
 * rows). SERAH_INVITE_SLICE_ROWS overrides it, for the tests that check slicing changes
 * nothing. */
static gint64
invite_slice_rows (const char *operator_name, const char *source)
{
  const char *forced = g_getenv ("SERAH_INVITE_SLICE_ROWS");
  gint64 row_bytes;

  if (forced != NULL && g_ascii_strtoll (forced, NULL, 10) > 0)
    return g_ascii_strtoll (forced, NULL, 10);
  row_bytes = 96 + (gint64) strlen (source) + (operator_name ? (gint64) strlen (operator_name) : 0);
  return CLAMP (INVITE_SLICE_BYTES / row_bytes, INVITE_SLICE_MIN, INVITE_SLICE_MAX);
}

/* The selection, slice by slice, inside the caller's transaction. A slice is a number of
 * participants, not a span of ids, so gaps in the ids cost nothing. */
static gboolean
invite_selection_sliced (SerahStore *store, gint64 ceremony_id,
                         const SerahParticipantFilter *filter, gint64 print_run_id,
                         const char *operator_name, const char *source, gint64 *added,
                         GError **error)
{
  gint64 rows = invite_slice_rows (operator_name, source);
  gint64 after = 0, end;

  *added = 0;
  while ((end = serah_store_participant_slice_end (store, after, rows, error)) > 0)
    {
      gint64 n = 0;

      if (!serah_store_invite_selection (store, ceremony_id, filter, print_run_id,
                                         operator_name, source, after, end, &n, error))
        return FALSE;
      *added += n;
      after = end;
    }
  return end == 0;
}

gboolean
serah_ceremony_invite_selection (SerahStore *store, gint64 ceremony_id,
                                 const SerahParticipantFilter *filter, gint64 print_run_id,
                                 const char *operator_name, gint64 *added, GError **error)
{
  g_autoptr(GString) source = g_string_new ("selection");
  gint64 n_added = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  /* Remember what was asked, for the audit of who invited whom. */
  if (filter != NULL && filter->kecamatan != NULL && filter->kecamatan[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (",", filter->kecamatan);
      g_string_append_printf (source, " kecamatan=%s", list);
    }
  if (filter != NULL && filter->desa != NULL && filter->desa[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (",", filter->desa);
      g_string_append_printf (source, " desa=%s", list);
    }
  if (print_run_id > 0)
    g_string_append_printf (source, " print-run=%" G_GINT64_FORMAT, print_run_id);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!check_open (store, ceremony_id, error) ||
      !invite_selection_sliced (store, ceremony_id, filter, print_run_id,
                                operator_name ? operator_name : g_get_user_name (),
                                source->str, &n_added, error) ||
      !audit_invite (store, ceremony_id, operator_name, source->str, n_added, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (added != NULL)
    *added = n_added;
  return TRUE;
}

/* One key: a 13-digit card number or a 16-digit NIK, as a spreadsheet may have written it
 * (surrounding spaces, a leading apostrophe that forces text). Returns the participant id,
 * 0 with *why set when it names nobody, -1 on a database error. */
static gint64
resolve_key (SerahStore *store, const char *raw, char **why, GError **error)
{
  g_autofree char *key = g_strstrip (g_strdup (raw));
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *digits = key;
  gsize n;

  if (*digits == '\'')
    digits++;
  n = strlen (digits);
  if (n > 0 && !serah_text_is_digits (digits))
    {
      if (strchr (digits, 'E') || strchr (digits, 'e'))
        *why = g_strdup (_("The number was turned into scientific notation by a spreadsheet "
                           "(like 3.6E+15); format the column as text and export again."));
      else
        *why = g_strdup (_("Not a card number (13 digits) or NIK (16 digits)."));
      return 0;
    }
  if (n == SERAH_CARD_NO_LENGTH)
    p = serah_store_find_participant_by_card (store, digits, &local_error);
  else if (n == SERAH_NIK_LENGTH)
    p = serah_store_find_participant_by_nik (store, digits, &local_error);
  else
    {
      *why = g_strdup_printf (_("%zu digits: a card number has 13 and a NIK 16."), n);
      return 0;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  if (p == NULL)
    {
      *why = g_strdup (n == SERAH_CARD_NO_LENGTH ? _("No participant has this card number.")
                                                 : _("No participant has this NIK."));
      return 0;
    }
  return p->id;
}

/* Invites one resolved key inside the caller's transaction. FALSE only on database errors. */
static gboolean
invite_key (SerahStore *store, gint64 ceremony_id, gint64 line, const char *key,
            const char *operator_name, const char *source, gint64 *added, GPtrArray *problems,
            GError **error)
{
  g_autofree char *why = NULL;
  gint64 id = resolve_key (store, key, &why, error);
  gboolean new_row = FALSE;

  if (id < 0)
    return FALSE;
  if (id == 0)
    {
      add_problem (problems, line, key, g_steal_pointer (&why));
      return TRUE;
    }
  if (!serah_store_invite_participant (store, ceremony_id, id, operator_name, source, &new_row,
                                       error))
    return FALSE;
  *added += new_row;
  return TRUE;
}

gboolean
serah_ceremony_invite_keys (SerahStore *store, gint64 ceremony_id, const char *const *keys,
                            const char *operator_name, gint64 *added, GPtrArray **problems,
                            GError **error)
{
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_invite_problem_free);
  const char *op = operator_name ? operator_name : g_get_user_name ();
  gint64 n_added = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!check_open (store, ceremony_id, error))
    goto failed;
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!invite_key (store, ceremony_id, 0, keys[i], op, "list", &n_added, found, error))
      goto failed;
  return finish_invite (store, ceremony_id, operator_name, "list", n_added, &found, added,
                        problems, error);

failed:
  serah_store_rollback (store);
  return FALSE;
}

/* ---- CSV files ---- */

typedef struct {
  GPtrArray *fields;      /* of the record being read */
  GPtrArray *records;     /* GStrv per record */
  GArray    *lines;       /* gint64 start line per record */
  gint64     line;        /* physical line being fed */
  gint64     record_line; /* where the current record started, 0 = not started */
} CsvState;

static void
on_field (void *data, size_t len, void *user_data)
{
  CsvState *s = user_data;

  if (s->record_line == 0)
    s->record_line = s->line;
  g_ptr_array_add (s->fields, g_strndup (data ? data : "", len));
}

static void
on_record (int terminator, void *user_data)
{
  CsvState *s = user_data;

  g_ptr_array_add (s->fields, NULL);
  g_ptr_array_add (s->records, g_ptr_array_steal (s->fields, NULL));
  g_array_append_val (s->lines, s->record_line);
  s->record_line = 0;
  g_ptr_array_set_size (s->fields, 0);
}

/* Spreadsheets in Indonesia often write ';' (the decimal comma takes ','); tabs come from
 * copy and paste. The first line decides. */
static unsigned char
sniff_delimiter (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;

  for (const char *c = text; *c && *c != '\n'; c++)
    commas += *c == ',', semicolons += *c == ';', tabs += *c == '\t';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

static gboolean
read_csv (const char *path, CsvState *s, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  struct csv_parser parser;
  const char *text;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE,
                   _("Cannot read the invitation list: %s"), local_error->message);
      return FALSE;
    }
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE,
                   _("“%s” is not a text (CSV) file; save the list as CSV (UTF-8) and try "
                     "again."),
                   path);
      return FALSE;
    }
  text = contents;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    text += 3, length -= 3;

  if (csv_init (&parser, CSV_APPEND_NULL) != 0)
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE,
                           _("Out of memory while reading the invitation list."));
      return FALSE;
    }
  csv_set_delim (&parser, sniff_delimiter (text));

  /* Fed one physical line at a time, so a record's first line is known for messages. */
  for (const char *start = text; start < text + length;)
    {
      const char *nl = memchr (start, '\n', (text + length) - start);
      gsize n = nl ? (gsize) (nl - start) + 1 : (gsize) ((text + length) - start);

      s->line++;
      if (csv_parse (&parser, start, n, on_field, on_record, s) != n)
        {
          g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE,
                       _("%s: line %lld: %s"), path, (long long) s->line,
                       csv_strerror (csv_error (&parser)));
          csv_free (&parser);
          return FALSE;
        }
      start += n;
    }
  csv_fini (&parser, on_field, on_record, s);
  csv_free (&parser);
  return TRUE;
}

static gboolean
record_is_blank (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      for (const char *c = fields[i]; *c; c++)
        if (!g_ascii_isspace (*c))
          return FALSE;
    }
  return TRUE;
}

/* Why a row without a key has none, when a field looks like a damaged number; NULL when
 * nothing in the row looks like one (a header, a note). */
static char *
row_problem (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *f = g_strstrip (g_strdup (fields[i]));
      const char *d = *f == '\'' ? f + 1 : f;
      gsize n = strlen (d), digits = 0;

      for (gsize k = 0; k < n; k++)
        digits += g_ascii_isdigit (d[k]) != 0;
      if (n > 4 && g_ascii_isdigit (d[0]) && (strchr (d, 'E') || strchr (d, 'e')) &&
          digits >= n - 3)
        return g_strdup (_("The number was turned into scientific notation by a spreadsheet "
                           "(like 3.6E+15); format the column as text and export again."));
      if (digits == n && n >= 10)
        return g_strdup_printf (_("%s has %zu digits: a card number has 13 and a NIK 16."), d, n);
    }
  return NULL;
}

/* The first field of a record that looks like a key (digits, maybe an apostrophe). */
static const char *
record_key (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *f = g_strstrip (g_strdup (fields[i]));
      const char *d = *f == '\'' ? f + 1 : f;
      gsize n = strlen (d);

      if (serah_text_is_digits (d) && (n == SERAH_CARD_NO_LENGTH || n == SERAH_NIK_LENGTH))
        return fields[i];
    }
  return NULL;
}

gboolean
serah_ceremony_invite_file (SerahStore *store, gint64 ceremony_id, const char *path,
                            const char *operator_name, gint64 *added, GPtrArray **problems,
                            GError **error)
{
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_invite_problem_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *base = NULL;
  g_autofree char *source = NULL;
  const char *op = operator_name ? operator_name : g_get_user_name ();
  CsvState s = { fields, records, lines, 0, 0 };
  gint64 n_added = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Read everything first: an unreadable file changes nothing. */
  if (!read_csv (path, &s, error))
    return FALSE;

  base = g_path_get_basename (path);
  source = g_strdup_printf ("file %s", base);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!check_open (store, ceremony_id, error))
    goto failed;
  for (guint r = 0; r < records->len; r++)
    {
      char **rec = g_ptr_array_index (records, r);
      gint64 line = g_array_index (lines, gint64, r);
      const char *key = record_key (rec);

      if (record_is_blank (rec))
        continue;
      if (key != NULL)
        {
          if (!invite_key (store, ceremony_id, line, key, op, source, &n_added, found, error))
            goto failed;
        }
      else
        {
          g_autofree char *why = row_problem (rec);
          g_autofree char *joined = g_strjoinv (",", rec);

          /* A first row with nothing number-like is the header. */
          if (why != NULL || r > 0)
            add_problem (found, line, joined,
                         why ? g_steal_pointer (&why)
                             : g_strdup (_("No card number (13 digits) or NIK (16 digits) in "
                                           "this row.")));
        }
    }
  return finish_invite (store, ceremony_id, operator_name, source, n_added, &found, added,
                        problems, error);

failed:
  serah_store_rollback (store);
  return FALSE;
}
