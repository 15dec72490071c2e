/* test-gui-import-mapping.c: the mapping window before an import (issue 11, item 4), driven
 * as a person would under Xvfb. A BPJS-style list whose desa column has a name the importer
 * does not know is refused until mapped: the window names the columns it saw and Import is
 * disabled; choosing "Desa/kelurahan" in that column's drop-down reads the file again, the
 * sample shows the desa, Import stores every participant with desa and kecamatan. The next
 * list of the same layout is offered the remembered mapping at once. */
#include "config.h"

#include <string.h>

#include <serah/output/serah-format.h>

#include "serah-import-mapping.h"
#include "serah-participants-page.h"
#include "serah-test-gui.h"
#include "serah-test-fixture.h"

typedef struct
{
  char                  *dir;
  SerahStore            *store;
  GtkWindow             *window;
  SerahParticipantsPage *page;
} Fixture;

/* Two title lines, ';', BPJS column names, and the desa under a name of the sender's own. */
#define BPJS_HEADER \
  "DAFTAR PESERTA PBI JK;;;;;;;;;;;\r\n" \
  "KANTOR CABANG PANDEGLANG;;;;;;;;;;;\r\n" \
  "NOKA;NIK;NAMA;PISA;JK;TGL_LAHIR;KD_PPK;NM_PPK;KELAS;ALAMAT;WILAYAH_DESA_TINGGAL;NM_KEC\r\n"

static const char first_list[] =
  BPJS_HEADER
  "0001311000001;3601120501900001;ANDRE SETIAWAN;1;L;05-01-1990;0123U045;PKM LABUAN;3;"
  "KP. CARINGIN;Caringin;Labuan\r\n"
  "0001311000002;3601124502850002;SITI AMINAH;1;P;05-02-1985;0123U045;PKM LABUAN;3;"
  "KP. CARINGIN;Caringin;Labuan\r\n"
  "0001311000003;3601121003750003;BUDI SANTOSO;1;L;10-03-1975;0123U045;PKM LABUAN;3;"
  "KP. TELUK;Teluk;Labuan\r\n";

static const char second_list[] =
  BPJS_HEADER
  "0001311000004;3601125506920004;RINA WATI;1;P;15-06-1992;0123U045;PKM LABUAN;3;"
  "KP. TELUK;Teluk;Labuan\r\n";

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->page = SERAH_PARTICIPANTS_PAGE (serah_participants_page_new (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  run_until_idle ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      gtk_window_destroy (window);
    }
  run_until_idle ();
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GFile *
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static SerahImportMapping *
find_mapping_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (SERAH_IS_IMPORT_MAPPING (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SERAH_IMPORT_MAPPING (window);
    }
  return NULL;
}

static gboolean
preview_read (gpointer data)
{
  SerahImportMapping *mapping = data;
  return !serah_import_mapping_get_busy (mapping) &&
         serah_import_mapping_get_report (mapping) != NULL;
}

static gboolean
import_finished (gpointer data)
{
  return !serah_participants_page_get_importing (SERAH_PARTICIPANTS_PAGE (data));
}

static gboolean
mapping_closed (gpointer data)
{
  return find_mapping_window () == NULL;
}

/* The list row whose title is title, or NULL. */
static GtkWidget *
find_titled_row (GtkWidget *widget, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drop-down of the column whose title holds header. */
static AdwComboRow *
find_column_row (GtkWidget *widget, const char *header)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), header) != NULL)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_column_row (child, header);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_import_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "mapping.import") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_import_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
field_position (const char *field)
{
  const char *const *names = serah_import_field_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], field) == 0)
      return i + 1;  /* 0 is "not used" */
  g_assert_not_reached ();
}

static SerahImportMapping *
review (Fixture *f, GFile *file)
{
  SerahImportMapping *mapping;

  serah_participants_page_review_file (f->page, file);
  mapping = find_mapping_window ();
  g_assert_nonnull (mapping);
  wait_until (preview_read, mapping);
  run_until_idle ();
  return mapping;
}

/* Issue #10: past SERAH_IMPORT_NOTES_LISTED a warning is counted, not listed; the count per
 * kind still says how many the whole list has. */
static void
test_problem_counts_include_unlisted (Fixture *f, gconstpointer data)
{
  const guint n_warned = SERAH_IMPORT_NOTES_LISTED + 100;
  g_autoptr(GString) csv = g_string_new ("NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN\n");
  g_autoptr(GFile) file = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *count = serah_format_count (n_warned);
  SerahImportMapping *mapping;

  for (guint i = 1; i <= n_warned; i++)
    /* The NIK says 01-01-80, the birth date the 2nd: a warning on every row. */
    g_string_append_printf (csv, "360101010180%04u,00012345%05u,Warga %u,L,1980-01-02,"
                            "Kp. Caringin,Caringin,Labuan\n", i, i, i);
  file = write_file (f, "warned.csv", csv->str);
  mapping = review (f, file);
  g_assert_cmpint (serah_import_mapping_get_report (mapping)->notes_not_listed, >=, 100);
  expected = g_strdup_printf ("nik-birthdate-mismatch: %s", count);
  g_assert_nonnull (find_titled_row (GTK_WIDGET (mapping), expected));
}

static void
test_map_unknown_desa_column (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = write_file (f, "bpjs-labuan.csv", first_list);
  g_autoptr(GFile) second = write_file (f, "bpjs-labuan-2.csv", second_list);
  g_autoptr(GError) error = NULL;
  SerahImportMapping *mapping = review (f, file);
  const SerahImportReport *report = serah_import_mapping_get_report (mapping);
  GtkWidget *import_button = find_import_button (GTK_WIDGET (mapping));
  AdwComboRow *desa_row = find_column_row (GTK_WIDGET (mapping), "WILAYAH_DESA_TINGGAL");
  AdwComboRow *nik_row = find_column_row (GTK_WIDGET (mapping), "NIK");
  int width, height;

  /* Fits the office laptop's screen with its panel: 1366x720 usable, by default and at its
   * smallest with the longest status (the refusal's list of columns) on show. */
  gtk_window_get_default_size (GTK_WINDOW (mapping), &width, &height);
  g_assert_cmpint (width, <=, 1366);
  g_assert_cmpint (height, <=, 720);
  {
    int min_width, min_height;
    gtk_widget_measure (GTK_WIDGET (mapping), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                        NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (mapping), GTK_ORIENTATION_VERTICAL, width, &min_height,
                        NULL, NULL, NULL);
    g_test_message ("minimum size %d x %d", min_width, min_height);
    g_assert_cmpint (min_width, <=, 1366);
    g_assert_cmpint (min_height, <=, 720);
  }

  /* Refused until mapped, naming the columns it saw; Import disabled. */
  g_assert_nonnull (report->refusal);
  g_assert_true (g_error_matches (report->refusal, SERAH_IMPORT_ERROR,
                                  SERAH_IMPORT_ERROR_MISSING_COLUMN));
  g_assert_nonnull (strstr (report->refusal->message, "WILAYAH_DESA_TINGGAL"));
  g_assert_nonnull (strstr (report->refusal->message, "NM_KEC"));
  g_assert_nonnull (import_button);
  g_assert_false (gtk_widget_is_sensitive (import_button));
  g_assert_false (serah_participants_page_get_importing (f->page));

  /* The columns the importer knew are shown as what it reads them as. */
  g_assert_nonnull (nik_row);
  g_assert_cmpuint (adw_combo_row_get_selected (nik_row), ==, field_position ("nik"));
  g_assert_nonnull (desa_row);
  g_assert_cmpuint (adw_combo_row_get_selected (desa_row), ==, 0);

  /* The person maps the column; the preview reads the file again. */
  adw_combo_row_set_selected (desa_row, field_position ("desa"));
  g_assert_true (serah_import_mapping_get_busy (mapping));
  wait_until (preview_read, mapping);
  run_until_idle ();
  report = serah_import_mapping_get_report (mapping);
  g_assert_null (report->refusal);
  g_assert_cmpint (report->counts.rows, ==, 3);
  g_assert_cmpint (report->counts.rejected, ==, 0);
  g_assert_cmpuint (report->sample->len, ==, 3);
  g_assert_cmpstr (((SerahParticipant *) report->sample->pdata[0])->desa, ==, "Caringin");
  g_assert_cmpstr (((SerahParticipant *) report->sample->pdata[0])->kecamatan, ==, "Labuan");
  g_assert_true (gtk_widget_is_sensitive (import_button));
  /* Still only a preview: nothing stored. */
  g_assert_null (serah_participants_find_by_nik (f->store, "3601120501900001", NULL));

  /* Import: the window closes, the page imports with the mapping. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mapping), "mapping.import", NULL));
  wait_until (mapping_closed, NULL);
  wait_until (import_finished, f->page);
  run_until_idle ();
  {
    g_autoptr(SerahParticipant) andre = serah_participants_find_by_nik (f->store, "3601120501900001", &error);
    g_autoptr(SerahParticipant) budi = serah_participants_find_by_nik (f->store, "3601121003750003", &error);

    g_assert_no_error (error);
    g_assert_nonnull (andre);
    g_assert_cmpstr (andre->desa, ==, "Caringin");
    g_assert_cmpstr (andre->kecamatan, ==, "Labuan");
    g_assert_cmpstr (andre->faskes, ==, "PKM LABUAN");
    g_assert_nonnull (budi);
    g_assert_cmpstr (budi->desa, ==, "Teluk");
  }

  /* The next list of the same layout is offered the mapping chosen last time. */
  mapping = review (f, second);
  report = serah_import_mapping_get_report (mapping);
  g_assert_null (report->refusal);
  g_assert_cmpuint (report->sample->len, ==, 1);
  g_assert_cmpstr (((SerahParticipant *) report->sample->pdata[0])->desa, ==, "Teluk");
  desa_row = find_column_row (GTK_WIDGET (mapping), "WILAYAH_DESA_TINGGAL");
  g_assert_cmpuint (adw_combo_row_get_selected (desa_row), ==, field_position ("desa"));
  gtk_window_close (GTK_WINDOW (mapping));
  wait_until (mapping_closed, NULL);
  /* Closed without importing: nothing of the second list stored. */
  g_assert_null (serah_participants_find_by_nik (f->store, "3601125506920004", NULL));
}

/* One column per field: choosing a field for a column takes it from the column that had it. */
static void
test_one_column_per_field (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = write_file (f, "bpjs.csv", first_list);
  SerahImportMapping *mapping = review (f, file);
  AdwComboRow *desa_row = find_column_row (GTK_WIDGET (mapping), "WILAYAH_DESA_TINGGAL");
  AdwComboRow *kec_row = find_column_row (GTK_WIDGET (mapping), "NM_KEC");

  g_assert_cmpuint (adw_combo_row_get_selected (kec_row), ==, field_position ("kecamatan"));
  adw_combo_row_set_selected (desa_row, field_position ("kecamatan"));
  g_assert_cmpuint (adw_combo_row_get_selected (kec_row), ==, 0);
  wait_until (preview_read, mapping);
  /* Now kecamatan comes from the desa names and desa is missing: refused again. */
  g_assert_nonnull (serah_import_mapping_get_report (mapping)->refusal);
}

/* An update list without desa and kecamatan is refused until the person says that it has
 * none; then participants keep what the register holds. Taking an area from the column the
 * importer had found blocks Import until it is chosen again or the box is ticked. */
static void
test_keep_areas (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) update = write_file (f, "update.csv",
                                        "NIK;NO_KARTU;NAMA;JK;TGL_LAHIR\r\n"
                                        "3601120501900001;0001311000001;ANDRE SETIAWAN;L;1990-01-05\r\n");
  g_autoptr(GFile) bpjs = write_file (f, "bpjs.csv", first_list);
  SerahImportMapping *mapping = review (f, update);
  GtkCheckButton *keep = GTK_CHECK_BUTTON (find_descendant (GTK_WIDGET (mapping),
                                                            GTK_TYPE_CHECK_BUTTON));
  GtkWidget *import_button = find_import_button (GTK_WIDGET (mapping));
  AdwComboRow *kec_row;

  g_assert_nonnull (serah_import_mapping_get_report (mapping)->refusal);
  g_assert_false (gtk_widget_is_sensitive (import_button));
  gtk_check_button_set_active (keep, TRUE);
  wait_until (preview_read, mapping);
  g_assert_null (serah_import_mapping_get_report (mapping)->refusal);
  g_assert_true (gtk_widget_is_sensitive (import_button));
  gtk_window_close (GTK_WINDOW (mapping));
  wait_until (mapping_closed, NULL);

  /* NM_KEC was found by the importer; "not used" must not import without kecamatan. */
  mapping = review (f, bpjs);
  kec_row = find_column_row (GTK_WIDGET (mapping), "NM_KEC");
  adw_combo_row_set_selected (find_column_row (GTK_WIDGET (mapping), "WILAYAH_DESA_TINGGAL"),
                              field_position ("desa"));
  wait_until (preview_read, mapping);
  g_assert_true (gtk_widget_is_sensitive (find_import_button (GTK_WIDGET (mapping))));
  adw_combo_row_set_selected (kec_row, 0);
  wait_until (preview_read, mapping);
  g_assert_false (gtk_widget_is_sensitive (find_import_button (GTK_WIDGET (mapping))));
  g_assert_cmpuint (adw_combo_row_get_selected (kec_row), ==, 0);
  adw_combo_row_set_selected (kec_row, field_position ("kecamatan"));
  wait_until (preview_read, mapping);
  g_assert_true (gtk_widget_is_sensitive (find_import_button (GTK_WIDGET (mapping))));
}

int
main (int argc, char **argv)
{
  /* No session bus under xvfb-run: without this GTK warns about AT-SPI, and warnings are
   * fatal in tests. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/serah/gui/import-mapping/problem-counts-include-unlisted", Fixture, NULL,
              fixture_setup, test_problem_counts_include_unlisted, fixture_teardown);
  g_test_add ("/serah/gui/import-mapping/unknown-desa-column", Fixture, NULL, fixture_setup,
              test_map_unknown_desa_column, fixture_teardown);
  g_test_add ("/serah/gui/import-mapping/one-column-per-field", Fixture, NULL, fixture_setup,
              test_one_column_per_field, fixture_teardown);
  g_test_add ("/serah/gui/import-mapping/keep-areas", Fixture, NULL, fixture_setup,
              test_keep_areas, fixture_teardown);
  return g_test_run ();
}
