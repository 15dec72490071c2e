/* test-gui-server.c: the office server (issue 16) in the window, under Xvfb, against a real
 * PostgreSQL 15 cluster that the test starts itself (tests/server/serah-test-pg.c).
 *
 * What it checks, as an operator would see it:
 * - "Server kantor…": linking with the address, the desk's login and password makes the
 *   check-off screen say "connected"; a wrong password is refused with a clear message and
 *   links nothing.
 * - The live claim never holds the main thread: while the server keeps the claim waiting (an
 *   advisory lock on the card, held by the test), the screen still takes a second scan, which
 *   queues; when the lock goes, the handover is recorded here and on the server.
 * - Another desk's handover shows within the wait (LISTEN/NOTIFY, the change hub): the
 *   progress counts it, and the same person waiting on this screen turns "already handed
 *   over".
 * - The server stopped: the screen says "not connected", a handover records here at once;
 *   the server back: the screen says "connected" and the handover reaches the server.
 * - Jejak Audit on a linked desk: this desk's log at once, then the whole office's log read
 *   by the desk's worker, each entry marked by desk; the server stopped: this desk's log and
 *   why.
 *
 * SERAH_TEST_SHOT_DIR (optional, for people): saves screenshots of the screen there.
 */
#include "config.h"

#include <adwaita.h>
#include <serah/serah.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/server/serah-server.h>
#include <serah/store/serah-changes.h>

#include "serah-audit-dialog-private.h"
#include "serah-ceremony-page.h"
#include "serah-checkoff-view.h"
#include "serah-checkoff-progress.h"
#include "serah-server-desk.h"
#include "serah-server-dialog.h"
#include "serah-test-fixture.h"
#include "serah-test-gui.h"
#include "serah-test-pg.h"

#define N_PEOPLE 30

static int test_counter;

typedef struct {
  char              *dir;
  char              *db;
  char              *admin_url;
  SerahStore        *store;       /* this window's desk */
  SerahStore        *other;       /* another desk, driven through the core */
  GPtrArray         *payloads;
  gint64             ceremony_id;
  char              *ceremony_uuid;
  GtkWindow         *window;
  SerahCeremonyPage *page;
  SerahCheckoffView *view;
  GtkEditable       *scan;
} Fixture;

static char *
desk_name (guint i)
{
  return g_strdup_printf ("g%d_meja_%u", test_counter, i);
}

static char *
desk_password (guint i)
{
  return g_strdup_printf ("pw-of-desk-%u-0123456789", i);
}

static SerahStore *
copy_desk (Fixture *f, const char *office_path, guint i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("meja-%u.db", i);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autofree char *name = desk_name (i);
  g_autofree char *password = desk_password (i);
  g_autoptr(GFile) src = g_file_new_for_path (office_path);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  SerahStore *store;

  g_assert_true (g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (serah_server_add_desk (f->admin_url, SERAH_TEST_PG_ADMIN_PASSWORD, name,
                                        password, &error));
  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *office_path = NULL;
  g_autofree char *create = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  SerahStore *office;

  f->dir = serah_test_tmpdir ();
  f->db = g_strdup_printf ("gui_office_%d", ++test_counter);
  create = g_strdup_printf ("CREATE DATABASE %s", f->db);
  admin_exec ("postgres", create);
  f->admin_url = url_for (f->db, "serah_admin");

  office = serah_test_open_store (f->dir, &office_path);
  f->payloads = ceremony_test_populate (office, N_PEOPLE, 1000, NULL, &error);
  g_assert_no_error (error);
  f->ceremony_id = serah_ceremony_create (office, "Penyerahan KIS", "2026-12-06", "Pendopo",
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (office, f->ceremony_id, NULL, 0, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  ceremony = serah_ceremony_get (office, f->ceremony_id, &error);
  g_assert_no_error (error);
  f->ceremony_uuid = g_strdup (ceremony->uuid);
  g_assert_true (serah_server_init (office, f->admin_url, SERAH_TEST_PG_ADMIN_PASSWORD, &error));
  g_assert_no_error (error);
  /* Closing folds the WAL into the file, so a plain copy is a complete database. */
  g_assert_finalize_object (office);

  f->store = copy_desk (f, office_path, 1);
  f->other = copy_desk (f, office_path, 2);
  {
    g_autofree char *name = desk_name (2);
    g_autofree char *password = desk_password (2);
    g_autofree char *url = url_for (f->db, name);
    g_assert_true (serah_server_link (f->other, url, password, NULL, &error));
    g_assert_no_error (error);
  }

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 740);
  f->page = g_object_new (SERAH_TYPE_CEREMONY_PAGE, "store", f->store, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  serah_ceremony_page_set_active_ceremony (f->page, f->ceremony_id);
  f->view = SERAH_CHECKOFF_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                SERAH_TYPE_CEREMONY_PAGE,
                                                                "checkoff_view"));
  f->scan = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                         SERAH_TYPE_CHECKOFF_VIEW, "scan_entry"));
  gtk_window_present (f->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->view)))
    g_main_context_iteration (NULL, TRUE);
  run_until_idle ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->other);
  /* The desk's worker may still be ending a sync: the store goes once it has. */
  {
    SerahServerDesk *desk = serah_server_desk_for_store (f->store);
    GWeakRef ref;
    g_weak_ref_init (&ref, desk);
    g_clear_object (&f->store);
    for (;;)
      {
        g_autoptr(GObject) alive = g_weak_ref_get (&ref);
        if (alive == NULL)
          break;
        g_clear_object (&alive);
        g_main_context_iteration (NULL, TRUE);
      }
    g_weak_ref_clear (&ref);
  }
  g_ptr_array_unref (f->payloads);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->admin_url);
  g_free (f->ceremony_uuid);
}

/* ---- the screen ---- */

static void
shot (const char *name)
{
  const char *dir = g_getenv ("SERAH_TEST_SHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  run_until_idle ();
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static GtkWidget *
view_child (Fixture *f, const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                    SERAH_TYPE_CHECKOFF_VIEW, name));
}

static void
type_and_enter (Fixture *f, const char *text)
{
  gtk_editable_set_text (f->scan, text);
  g_signal_emit_by_name (f->scan, "activate");
  run_until_idle ();
}

static const char *
payload (Fixture *f, guint i)
{
  return ceremony_test_payload (f->payloads, i);
}

static gint64
participant_of (Fixture *f, guint i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahLookup) lookup = serah_ceremony_lookup (f->store, f->ceremony_id, payload (f, i),
                                                         1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lookup);
  g_assert_cmpint (lookup->kind, ==, SERAH_LOOKUP_FOUND);
  return lookup->entry->participant->id;
}

static const char *
card_of (Fixture *f, guint i)
{
  const char *line = g_ptr_array_index (f->payloads, i);
  static char card[64];
  const char *space = strchr (line, ' ');

  g_assert_nonnull (space);
  g_strlcpy (card, line, MIN ((gsize) (space - line) + 1, sizeof card));
  return card;
}

static gint64
server_handovers_of (Fixture *f, guint i)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM serah.handovers WHERE"
                                          " card_no = '%s'", card_of (f, i));
  return admin_count (f->db, sql);
}

static gboolean
desk_online (gpointer data)
{
  Fixture *f = data;
  return serah_server_desk_get_online (serah_server_desk_for_store (f->store));
}

static gboolean
desk_offline (gpointer data)
{
  return !desk_online (data);
}

static gboolean
handed_over_here (gpointer data)
{
  Fixture *f = data;
  return serah_checkoff_view_get_state (f->view) == SERAH_CHECKOFF_HANDED_OVER;
}

static gboolean
already_here (gpointer data)
{
  Fixture *f = data;
  return serah_checkoff_view_get_state (f->view) == SERAH_CHECKOFF_ALREADY;
}

static gboolean
handed_over_0_here (gpointer data)
{
  Fixture *f = data;
  g_autoptr(SerahHandover) h = serah_ceremony_get_live_handover (f->store, f->ceremony_id,
                                                                 participant_of (f, 0), NULL,
                                                                 NULL);
  return h != NULL;
}

static gboolean
undo_on_server (gpointer data)
{
  Fixture *f = data;
  return admin_count (f->db, "SELECT count (*) FROM serah.undos") == 1;
}

typedef struct { Fixture *f; const char *text; } ProgressWait;

static gboolean
progress_says (gpointer data)
{
  ProgressWait *w = data;
  GtkWidget *progress = view_child (w->f, "progress_panel");
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (progress,
                                                              SERAH_TYPE_CHECKOFF_PROGRESS,
                                                              "handed_over_label"));
  return g_strcmp0 (gtk_label_get_label (label), w->text) == 0;
}

typedef struct { Fixture *f; guint i; } ServerWait;

static gboolean
on_server (gpointer data)
{
  ServerWait *w = data;
  return server_handovers_of (w->f, w->i) == 1;
}

static gboolean
dialog_idle (gpointer data)
{
  return !serah_server_dialog_get_busy (data);
}

static void
link_through_dialog (Fixture *f, const char *password, GError **error_out)
{
  g_autofree char *base = g_strdup_printf ("postgresql:///%s?host=%s&port=%d", f->db, pg_socket,
                                           pg_port);
  g_autofree char *user = desk_name (1);
  SerahServerDialog *dialog = serah_server_dialog_new (f->window, f->store, "admin");

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_idle, dialog);
  serah_server_dialog_set_fields (dialog, base, user, password, "prefer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "server.link", NULL);
  g_assert_true (serah_server_dialog_get_busy (dialog));
  wait_until (dialog_idle, dialog);
  shot ("server-dialog.png");
  if (serah_server_dialog_get_error (dialog) != NULL)
    g_set_error_literal (error_out, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_FAILED,
                         serah_server_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_until_idle ();
}

/* ---- tests ---- */

static void
test_live_desk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = desk_password (1);
  g_autofree char *lock_sql = NULL;
  GtkWidget *server_label = view_child (f, "server_label");
  PGconn *holder;
  PGresult *res;

  /* Not linked: nothing about a server on the screen. */
  g_assert_false (gtk_widget_get_visible (server_label));

  link_through_dialog (f, password, &error);
  g_assert_no_error (error);
  g_assert_true (serah_server_is_linked (f->store));
  wait_until (desk_online, f);
  g_assert_true (gtk_widget_get_visible (server_label));
  g_assert_true (gtk_widget_has_css_class (server_label, "success"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (server_label)), "connected"));
  shot ("checkoff-online.png");

  /* The server keeps the claim of card 0 waiting (the claim takes the card's advisory lock). */
  holder = admin_connect (f->db);
  lock_sql = g_strdup_printf ("SELECT pg_advisory_lock (hashtextextended ('%s' || ':' || '%s',"
                              " 0))", f->ceremony_uuid, card_of (f, 0));
  res = PQexec (holder, lock_sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  PQclear (res);

  type_and_enter (f, payload (f, 0));
  g_assert_cmpint (serah_checkoff_view_get_state (f->view), ==, SERAH_CHECKOFF_PERSON);
  type_and_enter (f, "");
  /* The main loop runs while the claim waits: the screen still shows the person, and the next
   * scan is taken and queued behind them. */
  g_assert_cmpint (serah_checkoff_view_get_state (f->view), ==, SERAH_CHECKOFF_PERSON);
  type_and_enter (f, payload (f, 1));
  g_assert_true (gtk_widget_get_visible (view_child (f, "next_bar")));
  g_assert_cmpint (server_handovers_of (f, 0), ==, 0);

  res = PQexec (holder, "SELECT pg_advisory_unlock_all ()");
  PQclear (res);
  PQfinish (holder);
  /* Recorded here and on the server; the screen moves on to the queued card 1. */
  {
    ServerWait w = { f, 0 };
    wait_until (on_server, &w);
  }
  wait_until (handed_over_0_here, f);
  g_assert_cmpint (serah_checkoff_view_get_state (f->view), ==, SERAH_CHECKOFF_PERSON);

  /* Another desk hands over card 2: this screen counts it without anyone touching it. */
  {
    SerahHandoverRequest request = { .ceremony_id = f->ceremony_id,
                                     .participant_id = participant_of (f, 2),
                                     .identified_by = SERAH_IDENTIFIED_SEARCH,
                                     .operator_name = "petugas-2", .station = "meja-2" };
    g_autoptr(SerahHandover) h = serah_ceremony_record_handover (f->other, &request, NULL,
                                                                 &error);
    ProgressWait w = { f, "2" };  /* card 0 here, card 2 there */
    g_assert_no_error (error);
    g_assert_nonnull (h);
    wait_until (progress_says, &w);
  }

  /* An undo made on the window's own connection (as the undo dialog does) reaches the server
   * through the desk's worker: the window's connection never talks to the server. */
  {
    g_autoptr(SerahHandover) live = serah_ceremony_get_live_handover (f->store, f->ceremony_id,
                                                                      participant_of (f, 0),
                                                                      NULL, &error);
    g_autoptr(SerahHandover) undone = NULL;

    g_assert_no_error (error);
    undone = serah_ceremony_undo_handover (f->store, f->ceremony_id, live->uuid, "salah orang",
                                           "admin", "meja-1", &error);
    g_assert_no_error (error);
    g_assert_nonnull (undone);
    serah_changes_emit (f->store, SERAH_CHANGE_HANDOVERS);
    wait_until (undo_on_server, f);
  }

  /* Card 3 waits on this screen when the other desk hands it over: it turns "already". */
  type_and_enter (f, "");  /* card 1, queued behind card 0, is on screen: hand it over */
  wait_until (handed_over_here, f);
  type_and_enter (f, payload (f, 3));
  g_assert_cmpint (serah_checkoff_view_get_state (f->view), ==, SERAH_CHECKOFF_PERSON);
  {
    SerahHandoverRequest request = { .ceremony_id = f->ceremony_id,
                                     .participant_id = participant_of (f, 3),
                                     .identified_by = SERAH_IDENTIFIED_SEARCH,
                                     .operator_name = "petugas-2", .station = "meja-2" };
    g_autoptr(SerahHandover) h = serah_ceremony_record_handover (f->other, &request, NULL,
                                                                 &error);
    g_assert_no_error (error);
    g_assert_nonnull (h);
    wait_until (already_here, f);
  }
  g_assert_cmpint (server_handovers_of (f, 3), ==, 1);
  shot ("checkoff-other-desk.png");

  /* The server goes: the screen says so, and a handover records here at once. */
  pg_stop ();
  wait_until (desk_offline, f);
  g_assert_true (gtk_widget_has_css_class (server_label, "warning"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (server_label)), "not connected"));
  type_and_enter (f, payload (f, 4));
  type_and_enter (f, "");
  wait_until (handed_over_here, f);
  {
    g_autoptr(SerahHandover) h = serah_ceremony_get_live_handover (f->store, f->ceremony_id,
                                                                   participant_of (f, 4), NULL,
                                                                   &error);
    g_assert_no_error (error);
    g_assert_nonnull (h);
  }
  shot ("checkoff-offline.png");

  /* Back: connected again, and the handover made meanwhile reaches the server. */
  pg_start ();
  wait_until (desk_online, f);
  {
    ServerWait w = { f, 4 };
    wait_until (on_server, &w);
  }
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (server_label)), "connected"));
  /* No card was handed over twice anywhere. */
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM (SELECT card_no FROM"
                                       " serah.handovers GROUP BY ceremony_uuid, card_no"
                                       " HAVING count (*) > 1) d"), ==, 0);
}

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passfile = g_strconcat (serah_store_get_path (f->store), ".pgpass", NULL);

  link_through_dialog (f, "not-the-password", &error);
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_false (serah_server_is_linked (f->store));
  g_assert_false (g_file_test (passfile, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_widget_get_visible (view_child (f, "server_label")));
}

/* ---- the office's audit log in Jejak Audit ---- */

static gboolean
office_read_answered (gpointer data)
{
  SerahAuditDialog *dialog = data;

  return !dialog->office_pending;
}

/* A linked desk's Jejak Audit shows the whole office's log, read by the desk's worker (the
 * dialog shows this desk's log at once and is never blocked), each entry marked by desk; with
 * the server stopped, Refresh shows this desk's log and says why. */
static void
test_office_audit_log (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = desk_password (1);
  g_autofree char *other_name = desk_name (2);
  SerahAuditDialog *dialog;
  GPtrArray *events;
  guint from_other = 0;

  link_through_dialog (f, password, &error);
  g_assert_no_error (error);
  g_assert_true (serah_audit_record (f->other, "Budi", "participant.show-nik", "3604xxxxxxxx0001",
                                     NULL, &error));
  g_assert_true (serah_server_sync (f->other, NULL, &error));
  g_assert_no_error (error);

  dialog = serah_audit_dialog_new (f->window, f->store, "admin");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1100, 640);
  gtk_window_present (GTK_WINDOW (dialog));
  /* At once: this desk's own log, without the desk column, the office's on its way. */
  g_assert_true (dialog->office_pending);
  g_assert_false (gtk_column_view_column_get_visible (dialog->desk_column));
  wait_until (office_read_answered, dialog);
  g_assert_true (dialog->office_shown);
  g_assert_true (gtk_column_view_column_get_visible (dialog->desk_column));
  events = serah_audit_model_get_shown (dialog->model);
  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];
      if (g_strcmp0 (e->desk, other_name) == 0 && g_strcmp0 (e->operator_name, "Budi") == 0)
        from_other++;
    }
  g_assert_cmpuint (from_other, ==, 1);
  shot ("audit-office-log.png");

  pg_stop ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "audit.refresh", NULL);
  wait_until (office_read_answered, dialog);
  g_assert_false (dialog->office_shown);
  g_assert_false (gtk_column_view_column_get_visible (dialog->desk_column));
  g_assert_true (serah_audit_model_get_shown (dialog->model)->len > 0);
  shot ("audit-office-log-offline.png");
  pg_start ();
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_until_idle ();
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cluster_create ();

  g_test_add ("/serah/gui-server/live-desk", Fixture, NULL, fixture_set_up, test_live_desk,
              fixture_tear_down);
  g_test_add ("/serah/gui-server/wrong-password", Fixture, NULL, fixture_set_up,
              test_wrong_password, fixture_tear_down);
  g_test_add ("/serah/gui-server/office-audit-log", Fixture, NULL, fixture_set_up,
              test_office_audit_log, fixture_tear_down);

  status = g_test_run ();
  pg_stop ();
  serah_test_rm_rf (pg_dir);
  return status;
}
