/* serah-cli-register.c: the participant register verbs: import a verified list, export it
 * back, and count participants per kecamatan and desa. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "serah-cli-private.h"

/* How many problems the human summary lists before pointing at --report. */
#define SUMMARY_PROBLEMS 20

static const char *
separator_name (char sep)
{
  switch (sep)
    {
    case ';':
      return "semicolon";
    case '\t':
      return "tab";
    default:
      return "comma";
    }
}

static void
print_import_json (SerahCli *cli, const char *path, const SerahImportReport *report,
                   const char *reject_path)
{
  const SerahImportRecord *c = &report->counts;
  JsonBuilder *b = json_builder_new ();
  char sep[2] = { report->separator, 0 };

  json_builder_begin_object (b);
  serah_cli_json_bool (b, "ok", !serah_import_report_stored_nothing (report));
  serah_cli_json_string (b, "file", path);
  serah_cli_json_int (b, "import_id", c->id);
  serah_cli_json_string (b, "sha256", c->sha256);
  serah_cli_json_string (b, "format", report->format);
  serah_cli_json_string (b, "sheet", report->sheet);
  serah_cli_json_string (b, "separator", sep);
  serah_cli_json_string (b, "separator_name", separator_name (report->separator));
  serah_cli_json_bool (b, "bom", report->had_bom);
  serah_cli_json_int (b, "rows", c->rows);
  serah_cli_json_int (b, "imported", c->imported);
  serah_cli_json_int (b, "updated", c->updated);
  serah_cli_json_int (b, "unchanged", c->unchanged);
  serah_cli_json_int (b, "rejected", c->rejected);
  serah_cli_json_int (b, "duplicates", c->duplicates);
  serah_cli_json_int (b, "conflicts", c->conflicts);
  serah_cli_json_int (b, "warnings", c->warnings);
  serah_cli_json_string (b, "report", reject_path);
  serah_cli_json_bool (b, "dry_run", report->dry_run);
  serah_cli_json_bool (b, "stored_nothing", serah_import_report_stored_nothing (report));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; report->columns != NULL && i < report->columns->len; i++)
    {
      const SerahImportColumn *column = report->columns->pdata[i];

      json_builder_begin_object (b);
      serah_cli_json_string (b, "letter", column->letter);
      serah_cli_json_string (b, "header", column->header);
      serah_cli_json_string (b, "field", column->field);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];

      json_builder_begin_object (b);
      serah_cli_json_int (b, "line", p->line);
      serah_cli_json_string (b, "column", p->column);
      serah_cli_json_string (b, "code", p->code);
      serah_cli_json_string (b, "severity", serah_import_severity_to_string (p->severity));
      serah_cli_json_string (b, "message", p->message);
      serah_cli_json_string (b, "raw_value", p->raw_value);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  /* Warnings past SERAH_IMPORT_NOTES_LISTED: stored with the import, counted here. */
  serah_cli_json_int (b, "problems_not_listed",
                      (gint64) (report->notes_not_listed + report->errors_not_listed));
  serah_cli_json_int (b, "rejected_problems_not_listed", (gint64) report->errors_not_listed);
  json_builder_set_member_name (b, "problems_not_listed_by_code");
  json_builder_begin_object (b);
  {
    g_autofree const char **codes = serah_import_report_unlisted_codes (report, NULL);

    for (guint i = 0; codes[i] != NULL; i++)
      serah_cli_json_int (b, codes[i], serah_import_report_unlisted_count (report, codes[i]));
  }
  json_builder_end_object (b);
  json_builder_end_object (b);
  serah_cli_print_json (cli, b);
}

/* The problems a big damaged list brought past SERAH_IMPORT_NOTES_LISTED warnings or
 * SERAH_IMPORT_ERRORS_LISTED rejects: counted by code, most frequent first (they are stored
 * with the import, and the rejected rows are all in the rejects file). */
static void
print_notes_not_listed (const SerahImportReport *report, guint more_listed)
{
  g_autofree char *n = serah_format_count ((gint64) report->notes_not_listed);
  g_autofree char *first = serah_format_count (SERAH_IMPORT_NOTES_LISTED);
  g_autofree char *listed = serah_format_count ((gint64) more_listed);
  g_autofree const char **codes = NULL;
  guint n_codes = 0;

  fprintf (stderr, _("  … and %s more problems listed by --json; --report FILE writes every "
                     "rejected row.\n"), listed);
  if (report->errors_not_listed > 0)
    {
      g_autofree char *rejected = serah_format_count ((gint64) report->errors_not_listed);
      g_autofree char *first_errors = serah_format_count (SERAH_IMPORT_ERRORS_LISTED);

      fprintf (stderr, _("  %s more problems of rejected rows are not listed (past the first "
                         "%s); --report FILE writes every rejected row.\n"),
               rejected, first_errors);
    }
  if (report->notes_not_listed > 0)
    fprintf (stderr, _("  %s more warnings are not listed (past the first %s; each is stored "
                       "with the import).\n"), n, first);
  fprintf (stderr, _("  Not listed, by code:\n"));
  codes = serah_import_report_unlisted_codes (report, &n_codes);
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *count =
        serah_format_count (serah_import_report_unlisted_count (report, codes[i]));
      fprintf (stderr, "    %s: %s\n", codes[i], count);
    }
}

static void
print_import_summary (SerahCli *cli, const char *path, const SerahImportReport *report)
{
  const SerahImportRecord *c = &report->counts;
  guint shown = 0;

  if (report->dry_run)
    serah_cli_message (cli,
                       _("Dry run of “%s”, nothing was saved: %lld rows: %lld would be new, "
                         "%lld updated, %lld unchanged, %lld rejected (%lld conflicts), %lld "
                         "duplicates; %lld warnings."),
                       path, (long long) c->rows, (long long) c->imported,
                       (long long) c->updated, (long long) c->unchanged,
                       (long long) c->rejected, (long long) c->conflicts,
                       (long long) c->duplicates, (long long) c->warnings);
  else
    serah_cli_message (cli,
                       _("Imported “%s”: %lld rows: %lld new, %lld updated, %lld unchanged, "
                         "%lld rejected (%lld conflicts), %lld duplicates; %lld warnings."),
                       path, (long long) c->rows, (long long) c->imported,
                       (long long) c->updated, (long long) c->unchanged,
                       (long long) c->rejected, (long long) c->conflicts,
                       (long long) c->duplicates, (long long) c->warnings);
  if (serah_import_report_stored_nothing (report))
    serah_cli_message (cli,
                       _("No participant was stored: all %lld rows were rejected. Fix the "
                         "problems below (--report FILE writes the rejected rows to correct) "
                         "and import again."),
                       (long long) c->rows);
  for (guint i = 0; i < report->problems->len && shown < SUMMARY_PROBLEMS; i++, shown++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      g_autofree char *where = p->line > 0
        ? g_strdup_printf (_("line %lld"), (long long) p->line) : g_strdup (_("file"));

      fprintf (stderr, "  %s%s%s: %s [%s] %s%s%s%s\n", where, p->column ? ", " : "",
               p->column ? p->column : "", serah_import_severity_to_string (p->severity),
               p->code, p->message, p->raw_value ? " (" : "", p->raw_value ? p->raw_value : "",
               p->raw_value ? ")" : "");
    }
  if (report->problems->len > shown && report->notes_not_listed == 0 &&
      report->errors_not_listed == 0)
    fprintf (stderr, _("  … and %u more problems; --report FILE writes every rejected row, "
                       "--json lists them all.\n"),
             report->problems->len - shown);
  else if (report->notes_not_listed > 0 || report->errors_not_listed > 0)
    print_notes_not_listed (report, report->problems->len - shown);
}

/* Export hands out full NIKs: who took which selection, and where to. */
static gboolean
audit_export (SerahCli *cli, const char *output, GStrv kecamatan, GStrv desa, gint64 written,
              GError **error)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, written);
  g_autofree char *kecamatan_list = kecamatan ? g_strjoinv (", ", kecamatan) : NULL;
  g_autofree char *desa_list = desa ? g_strjoinv (", ", desa) : NULL;
  g_autofree char *details = serah_audit_details ("file", output ? output : "(stdout)",
                                                  "participants", count,
                                                  "kecamatan", kecamatan_list,
                                                  "desa", desa_list, NULL);

  return serah_audit_record (cli->store, cli->operator_name, "export.participants", NULL,
                             details, error);
}

/* Ctrl-C during an import: the first asks the importer to stop (the slices committed so far
 * stay, recorded as an unfinished import that importing the same file again finishes); a
 * second one kills as usual. The handler only sets a flag: the reader thread's progress
 * callback, outside signal context, cancels. */
static volatile sig_atomic_t import_interrupted;

static void
on_import_interrupt (int signum)
{
  import_interrupted = 1;
}

typedef struct {
  GCancellable *cancellable;
  gboolean      show;         /* stderr is a terminal and no --json */
  int           last_percent;
} ImportProgress;

static void
import_progress (goffset done, goffset total, gpointer user_data)
{
  ImportProgress *progress = user_data;

  if (import_interrupted)
    g_cancellable_cancel (progress->cancellable);
  if (progress->show && total > 0)
    {
      int percent = (int) (100 * done / total);

      if (percent != progress->last_percent)
        {
          progress->last_percent = percent;
          fputc ('\r', stderr);
          fprintf (stderr, _("Importing… %d %%"), percent);
          fflush (stderr);
        }
    }
}

static int
verb_import (SerahCli *cli, int argc, char **argv)
{
  g_auto(GStrv) maps = NULL;
  g_autofree char *reject_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  SerahImportOptions options = { 0 };
  SerahStore *store;
  gboolean dry_run = FALSE;
  g_autofree char *sheet = NULL;
  gboolean confirm_card_changes = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read FIELD (nik, card_no, name, sex, birth_date, address, desa, kecamatan, faskes, "
         "care_class) from the column HEADER"), N_("FIELD=HEADER") },
    { "report", 'r', 0, G_OPTION_ARG_FILENAME, &reject_path,
      N_("Write every rejected row to this CSV file"), N_("REJECTS.csv") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("XLSX or ODS: read this sheet (default: the first visible sheet with a header row)"),
      N_("NAME") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and say what an import would do, without saving anything"), NULL },
    { "confirm-card-changes", 0, 0, G_OPTION_ARG_NONE, &confirm_card_changes,
      N_("Accept new card numbers for known NIKs (their printed cards are voided)"), NULL },
    { NULL }
  };

  if (!serah_cli_parse (cli, "import FILE [--map FIELD=HEADER]... [--sheet NAME] [--report REJECTS.csv] [--dry-run] [--confirm-card-changes]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      serah_cli_message (cli, "%s", _("Usage: serah-cli --db DB import FILE "
                                       "[--map FIELD=HEADER]... [--sheet NAME] [--report REJECTS.csv] "
                                       "[--dry-run] [--json]"));
      return SERAH_CLI_EXIT_USAGE;
    }
  /* The list being read is never an output (import x.csv --report x.csv). */
  if (serah_cli_get_store (cli) == NULL)
    return SERAH_CLI_EXIT_USAGE;
  serah_output_protect_file (argv[1]); /* for the life of this process */
  if (reject_path != NULL && !serah_cli_check_output (cli, reject_path, &status))
    return status;
  /* hardening (issue 6): administrators only, with a backup taken first. */
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
  store = serah_cli_get_store (cli);
  /* A dry run rolls everything back: there is nothing to back up. */
  if (!dry_run && !serah_backup_before_import (store, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  options.mappings = (const char *const *) maps;
  options.dry_run = dry_run;
  options.sheet = sheet;
  options.operator_name = cli->operator_name;
  options.confirm_card_changes = confirm_card_changes;
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ImportProgress progress = { cancellable, !cli->json && isatty (STDERR_FILENO), -1 };
    struct sigaction action = { 0 }, old_int, old_term;

    action.sa_handler = on_import_interrupt;
    action.sa_flags = (int) (SA_RESETHAND | SA_RESTART);
    sigemptyset (&action.sa_mask);
    import_interrupted = 0;
    sigaction (SIGINT, &action, &old_int);
    sigaction (SIGTERM, &action, &old_term);
    options.progress = import_progress;
    options.progress_data = &progress;
    report = serah_import_file (store, argv[1], &options, cancellable, &error);
    sigaction (SIGINT, &old_int, NULL);
    sigaction (SIGTERM, &old_term, NULL);
    if (progress.last_percent >= 0)
      fputc ('\n', stderr);
  }
  if (report == NULL)
    {
      if (g_error_matches (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN))
        {
          g_autofree char *message = g_strdup_printf ("%s %s", error->message,
                                                      _("To read a field from a column of "
                                                        "another name, add --map FIELD=HEADER."));
          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }

  if (reject_path != NULL &&
      !serah_import_report_save_rejects (store, report, reject_path, cli->operator_name, &error))
    {
      /* The import itself is committed; say so, and fail for the report. */
      serah_cli_message (cli, _("The import was saved, but the report was not."));
      return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }

  print_import_summary (cli, argv[1], report);
  if (report->cards_changed > 0)
    serah_cli_message (cli, _("%u card numbers changed as confirmed; %u printed cards with the "
                              "old numbers were voided."),
                       report->cards_changed, report->cards_voided);
  if (cli->json)
    print_import_json (cli, argv[1], report, reject_path);
  /* A list whose every row was refused is no success, whatever was recorded about it. */
  return serah_import_report_stored_nothing (report) ? SERAH_CLI_EXIT_REFUSED : SERAH_CLI_EXIT_OK;
}

static int
verb_export (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) kecamatan = NULL;
  g_auto(GStrv) desa = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  SerahParticipantFilter filter = { 0 };
  gboolean xlsx;
  SerahStore *store;
  gint64 written = 0;
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this CSV or XLSX file instead of standard output"), N_("FILE.csv") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("csv or xlsx (default: from the file name; XLSX keeps NIKs and card numbers as "
         "text through a spreadsheet)"), N_("FORMAT") },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kecamatan,
      N_("Only participants of this kecamatan (repeatable)"), N_("NAME") },
    { "desa", 0, 0, G_OPTION_ARG_STRING_ARRAY, &desa,
      N_("Only participants of this desa (repeatable)"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse (cli, "export participants [-o FILE.csv|FILE.xlsx]", entries, &argc,
                        &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || strcmp (argv[1], "participants") != 0)
    {
      serah_cli_message (cli, "%s", _("Usage: serah-cli --db DB export participants "
                                       "[-o FILE.csv|FILE.xlsx] [--format csv|xlsx] "
                                       "[--kecamatan NAME]... [--desa NAME]..."));
      return SERAH_CLI_EXIT_USAGE;
    }
  if (cli->json && output == NULL)
    {
      serah_cli_message (cli, _("--json needs -o FILE: standard output carries the CSV."));
      return SERAH_CLI_EXIT_USAGE;
    }
  xlsx = format != NULL ? g_ascii_strcasecmp (format, "xlsx") == 0
                        : output != NULL && g_str_has_suffix (output, ".xlsx");
  if (format != NULL && !xlsx && g_ascii_strcasecmp (format, "csv") != 0)
    {
      serah_cli_message (cli, _("--format is csv or xlsx."));
      return SERAH_CLI_EXIT_USAGE;
    }
  if (xlsx && output == NULL)
    {
      serah_cli_message (cli, _("An XLSX export needs -o FILE.xlsx."));
      return SERAH_CLI_EXIT_USAGE;
    }
  if (output != NULL && !serah_cli_check_output (cli, output, &status))
    return status;
  /* hardening (issue 6): full NIKs leave the machine: administrators only, audited. */
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
  store = serah_cli_get_store (cli);

  filter.kecamatan = kecamatan;
  filter.desa = desa;
  if (xlsx)
    ok = serah_participants_write_xlsx_file (store, &filter, output, &written, &error);
  else if (output != NULL)
    ok = serah_participants_write_csv_file (store, &filter, output, &written, &error);
  else
    ok = serah_participants_write_csv (store, &filter, stdout, &written, &error);
  if (!ok)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  /* Recorded once written (a failed export hands out nothing); an export that cannot be
   * recorded is taken back when it is a file. */
  if (!audit_export (cli, output, kecamatan, desa, written, &error))
    {
      if (output != NULL)
        g_remove (output);
      return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }

  if (output != NULL)
    serah_cli_message (cli, _("Wrote %lld participants to “%s” (full NIKs: keep this file "
                              "safe)."),
                       (long long) written, output);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "file", output);
      serah_cli_json_int (b, "participants", written);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_stats (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  SerahStore *store;
  gint64 total = 0;
  guint n_kecamatan = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "stats [--json]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      serah_cli_message (cli, "%s", _("Usage: serah-cli --db DB stats [--json]"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  areas = serah_participants_count_by_area (store, &error);
  if (areas != NULL)
    imports = serah_imports_list (store, &error);
  if (areas == NULL || imports == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  for (guint i = 0; i < areas->len; i++)
    {
      const SerahAreaCount *a = areas->pdata[i];
      total += a->participants;
      if (i == 0 || g_ascii_strcasecmp (a->kecamatan,
                                        ((SerahAreaCount *) areas->pdata[i - 1])->kecamatan) != 0)
        n_kecamatan++;
    }

  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "participants", total);
      serah_cli_json_int (b, "kecamatan_count", n_kecamatan);
      serah_cli_json_int (b, "desa_count", areas->len);
      serah_cli_json_int (b, "imports", imports->len);
      json_builder_set_member_name (b, "kecamatan");
      json_builder_begin_array (b);
      for (guint i = 0; i < areas->len;)
        {
          const SerahAreaCount *first = areas->pdata[i];
          gint64 sum = 0;
          guint j;

          for (j = i; j < areas->len &&
                      g_ascii_strcasecmp (((SerahAreaCount *) areas->pdata[j])->kecamatan,
                                          first->kecamatan) == 0; j++)
            sum += ((SerahAreaCount *) areas->pdata[j])->participants;
          json_builder_begin_object (b);
          serah_cli_json_string (b, "name", first->kecamatan);
          serah_cli_json_int (b, "participants", sum);
          json_builder_set_member_name (b, "desa");
          json_builder_begin_array (b);
          for (; i < j; i++)
            {
              const SerahAreaCount *a = areas->pdata[i];
              json_builder_begin_object (b);
              serah_cli_json_string (b, "name", a->desa);
              serah_cli_json_int (b, "participants", a->participants);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
      return SERAH_CLI_EXIT_OK;
    }

  printf ("%-40s %10s\n", _("Kecamatan / desa"), _("Participants"));
  for (guint i = 0; i < areas->len; i++)
    {
      const SerahAreaCount *a = areas->pdata[i];
      const char *kecamatan = *a->kecamatan ? a->kecamatan : _("(no kecamatan)");
      const char *desa = *a->desa ? a->desa : _("(no desa)");

      if (i == 0 || g_ascii_strcasecmp (a->kecamatan,
                                        ((SerahAreaCount *) areas->pdata[i - 1])->kecamatan) != 0)
        {
          gint64 sum = 0;
          for (guint j = i; j < areas->len &&
                            g_ascii_strcasecmp (((SerahAreaCount *) areas->pdata[j])->kecamatan,
                                                a->kecamatan) == 0; j++)
            sum += ((SerahAreaCount *) areas->pdata[j])->participants;
          printf ("%-40s %10" G_GINT64_FORMAT "\n", kecamatan, sum);
        }
      printf ("  %-38s %10" G_GINT64_FORMAT "\n", desa, a->participants);
    }
  printf (_("Total: %lld participants in %u kecamatan and %u desa; %u imports.\n"),
          (long long) total, n_kecamatan, areas->len, imports->len);
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_register_verbs[] = {
  { "import", verb_import,
    "import FILE [--map FIELD=HEADER]... [--report REJECTS.csv] [--confirm-card-changes] [--json]" },
  { "export", verb_export, "export participants [-o FILE.csv] [--kecamatan K]... [--desa D]..." },
  { "stats", verb_stats, "stats [--json]" },
  { NULL }
};
