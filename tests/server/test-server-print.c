/* test-server-print.c: print runs, printed cards, voids and serial blocks through the office
 * server (issue 16, "one register"), against a real PostgreSQL 15 cluster this test starts
 * itself (tests/server/serah-test-pg.c), stopped at the end.
 *
 * What it checks: two desks get disjoint serial blocks and print disjoint serials; a desk that
 * printed before it linked gets blocks above its own cards; a serial a card has already is
 * never handed out again, even when the next serial went back (restored file); a desa printed at desk A reaches
 * desk B, which checks a card off by its QR code, and a card voided at A (reprinted) is
 * refused at B after B syncs; a resend of everything is a no-op on the server; the desk role
 * cannot update, delete or insert blocks, nor update or delete runs, cards and voids (42501),
 * and nobody can truncate them; a linked desk cut off from the server with its block used up
 * refuses a print run with the message saying why and what to do, recording nothing, and
 * prints again (with a new block) once the server is back.
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "serah-test-pg.h"

/* Private: the test moves a desk's next serial to the end of its block, rather than printing
 * 10 000 cards. */
#include "cards/serah-store-print-private.h"

#define CHECK(call) \
  G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

#define ADMIN_PASSWORD SERAH_TEST_PG_ADMIN_PASSWORD
#define N_PEOPLE 60

static int test_counter;

typedef struct {
  char              *dir;
  char              *office_path;
  char              *db;
  char              *admin_url;
  gint64             ceremony;
  GPtrArray         *desks;
  SerahCardTemplate *kis;
  SerahSheet        *a4;
  guint              n_pdfs;
} Fixture;

/* The office: a register of N_PEOPLE, none printed yet, a ceremony inviting them all. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *create = NULL;
  SerahStore *office;

  f->dir = serah_test_tmpdir ();
  f->db = g_strdup_printf ("print_office_%d", ++test_counter);
  create = g_strdup_printf ("CREATE DATABASE %s", f->db);
  admin_exec ("postgres", create);
  f->admin_url = url_for (f->db, "serah_admin");

  office = serah_test_open_store (f->dir, &f->office_path);
  CHECK (serah_demo_populate (office, N_PEOPLE, &error));
  f->ceremony = serah_ceremony_create (office, "Penyerahan KIS", "2026-12-06", "Pendopo", NULL,
                                       &error);
  g_assert_no_error (error);
  CHECK (serah_ceremony_invite_selection (office, f->ceremony, NULL, 0, NULL, NULL, &error));
  CHECK (serah_server_init (office, f->admin_url, ADMIN_PASSWORD, &error));
  g_assert_finalize_object (office);

  f->desks = g_ptr_array_new_with_free_func (g_object_unref);
  f->kis = serah_card_template_load ("kis", &error);
  g_assert_no_error (error);
  f->a4 = serah_sheet_load ("a4-2x5", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->desks, g_ptr_array_unref);
  serah_card_template_unref (f->kis);
  serah_sheet_unref (f->a4);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->office_path);
  g_free (f->db);
  g_free (f->admin_url);
}

static char *
desk_name (guint i)
{
  return g_strdup_printf ("p%d_meja_%u", test_counter, i);
}

static char *
desk_password (const char *desk)
{
  return g_strdup_printf ("pw-of-%s-0123456789", desk);
}

/* A copy of the office database for the next desk, its login made on the server. */
static SerahStore *
add_desk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint i = f->desks->len + 1;
  g_autofree char *name = desk_name (i);
  g_autofree char *file = g_strdup_printf ("meja-%u.db", i);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autofree char *password = desk_password (name);
  g_autoptr(GFile) src = g_file_new_for_path (f->office_path);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  SerahStore *store;

  g_assert_true (g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  CHECK (serah_server_add_desk (f->admin_url, ADMIN_PASSWORD, name, password, &error));
  g_ptr_array_add (f->desks, store);
  return store;
}

static void
link_desk (Fixture *f, SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  guint i;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *password = NULL;

  g_assert_true (g_ptr_array_find (f->desks, store, &i));
  name = desk_name (i + 1);
  url = url_for (f->db, name);
  password = desk_password (name);
  CHECK (serah_server_link (store, url, password, NULL, &error));
}

static SerahStore *
add_linked_desk (Fixture *f)
{
  SerahStore *store = add_desk (f);

  link_desk (f, store);
  return store;
}

static void
sync_ok (SerahStore *store)
{
  g_autoptr(GError) error = NULL;

  CHECK (serah_server_sync (store, NULL, &error));
}

static char *
next_pdf (Fixture *f)
{
  g_autofree char *name = g_strdup_printf ("run-%u.pdf", ++f->n_pdfs);
  return g_build_filename (f->dir, name, NULL);
}

/* Prints the cards of one desa (the desa of participant 1 when desa is NULL). */
static gboolean
try_print_desa (Fixture *f, SerahStore *store, const char *desa, SerahPrintResult *result,
                GError **error)
{
  g_autoptr(SerahPrintJob) job = serah_print_job_new (store, f->kis, f->a4);
  g_autofree char *pdf = next_pdf (f);
  char *desas[] = { (char *) desa, NULL };
  SerahParticipantFilter filter = { .desa = desas };

  serah_print_job_set_filter (job, &filter);
  serah_print_job_set_operator (job, "ani");
  return serah_print_job_run (job, pdf, NULL, NULL, NULL, result, error);
}

static char *
desa_of (SerahStore *store, gint64 participant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = serah_participants_get (store, participant, &error);

  g_assert_no_error (error);
  return g_strdup (p->desa);
}

static void
print_desa (Fixture *f, SerahStore *store, const char *desa, SerahPrintResult *result)
{
  g_autoptr(GError) error = NULL;

  CHECK (try_print_desa (f, store, desa, result, &error));
  g_assert_cmpuint (result->cards, >, 0);
}

static gint64
print_runs_at (SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = serah_print_runs_list (store, &error);

  g_assert_no_error (error);
  return runs->len;
}

/* The start of the nth block (0 = first) the server handed desk number desk_index. */
static gint64
block_start_of (Fixture *f, guint desk_index, guint nth)
{
  g_autofree char *name = desk_name (desk_index);
  g_autofree char *sql = g_strdup_printf ("SELECT start FROM serah.serial_blocks"
                                          " WHERE desk = '%s' ORDER BY seq OFFSET %u LIMIT 1",
                                          name, nth);
  return admin_count (f->db, sql);
}

/* Two desks get disjoint blocks, each above everything used so far, and print from them; a
 * desk that printed before linking gets blocks above its own serials. */
static void
test_disjoint_blocks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *c = add_desk (f);    /* prints before it links */
  SerahStore *a = NULL, *b = NULL;
  g_autofree char *desa = desa_of (c, 1);
  SerahPrintResult before = { 0 }, ra = { 0 }, rb = { 0 };
  gint64 start_c, start_a, start_b;

  /* Unlinked: numbered locally from 1, as always. */
  print_desa (f, c, desa, &before);
  g_assert_cmpint (before.first_serial, ==, 1);
  g_assert_cmpint (before.last_serial, ==, before.cards);

  link_desk (f, c);
  a = add_linked_desk (f);
  b = add_linked_desk (f);
  start_c = block_start_of (f, 1, 0);
  start_a = block_start_of (f, 2, 0);
  start_b = block_start_of (f, 3, 0);
  /* Above the cards C printed before it linked; then one after the other. */
  g_assert_cmpint (start_c, ==, before.last_serial + 1);
  g_assert_cmpint (start_a, ==, start_c + 10000);
  g_assert_cmpint (start_b, ==, start_a + 10000);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.serial_blocks a"
                                       " JOIN serah.serial_blocks b ON a.seq < b.seq"
                                       " AND int8range (a.start, a.start + a.count)"
                                       " && int8range (b.start, b.start + b.count)"), ==, 0);
  /* C's cards from before it linked reached the server with its first sync. */
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.printed_cards"), ==,
                   before.cards);

  /* A and B both print another desa (neither knows of the other's run yet): each prints
   * from its own block. */
  {
    g_autofree char *other = NULL;

    for (gint64 id = 2; id <= N_PEOPLE && other == NULL; id++)
      {
        g_autofree char *d = desa_of (a, id);
        if (g_strcmp0 (d, desa) != 0)
          other = g_steal_pointer (&d);
      }
    g_assert_nonnull (other);
    print_desa (f, a, other, &ra);
    print_desa (f, b, other, &rb);
  }
  g_assert_cmpint (ra.first_serial, ==, start_a);
  g_assert_cmpint (ra.last_serial, ==, start_a + ra.cards - 1);
  g_assert_cmpint (rb.first_serial, ==, start_b);
  g_assert_cmpint (rb.last_serial, ==, start_b + rb.cards - 1);

  /* A file restored from an older backup has its next serial behind: a serial a card here
   * has already is never handed out again (a reprint at A takes the one after its run). */
  {
    g_autofree char *start_text = g_strdup_printf ("%" G_GINT64_FORMAT, start_a);
    g_autofree char *pdf = next_pdf (f);
    g_autoptr(SerahPrintedCard) card = serah_printed_cards_get (a, ra.first_serial, &error);
    g_autoptr(SerahParticipant) p = NULL;
    SerahPrintResult reprint = { 0 };

    g_assert_no_error (error);
    p = serah_participants_get (a, card->participant_id, &error);
    g_assert_no_error (error);
    CHECK (serah_store_set_setting (a, "serials.next", start_text, &error));
    CHECK (serah_print_reprint_card (a, p->card_no, "hilang", f->kis, f->a4, NULL, "ani", pdf,
                                     &reprint, &error));
    g_assert_cmpint (reprint.first_serial, ==, ra.last_serial + 1);
  }
}

/* A prints a desa; B, after syncing, checks a card off by its QR; A reprints another card
 * (voiding its first one) and B refuses the old card's QR after syncing; resending everything
 * changes nothing on the server. */
static void
test_check_off_and_void_elsewhere (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autofree char *desa = desa_of (a, 1);
  g_autofree char *reprint_pdf = next_pdf (f);
  g_autofree char *first_code = NULL;
  g_autofree char *voided_code = NULL;
  g_autoptr(SerahPrintedCard) first = NULL;
  g_autoptr(SerahPrintedCard) second = NULL;
  g_autoptr(SerahParticipant) p_first = NULL;
  g_autoptr(SerahParticipant) p_second = NULL;
  g_autoptr(SerahHandover) h = NULL;
  SerahPrintResult run = { 0 }, reprint = { 0 };
  gint64 cards_on_server, runs_on_server, voids_on_server, runs_at_b;

  print_desa (f, a, desa, &run);
  first = serah_printed_cards_get (a, run.first_serial, &error);
  g_assert_no_error (error);
  second = serah_printed_cards_get (a, run.first_serial + 1, &error);
  g_assert_no_error (error);
  p_first = serah_participants_get (a, first->participant_id, &error);
  g_assert_no_error (error);
  p_second = serah_participants_get (a, second->participant_id, &error);
  g_assert_no_error (error);
  first_code = serah_payload_encode (a, SERAH_PAYLOAD_CARD, p_first->card_no, first->serial,
                                     &error);
  g_assert_no_error (error);
  voided_code = serah_payload_encode (a, SERAH_PAYLOAD_CARD, p_second->card_no, second->serial,
                                      &error);
  g_assert_no_error (error);

  /* Before B syncs, the code is of a card B never heard of. */
  {
    SerahHandoverRequest request = { .ceremony_id = f->ceremony, .code = first_code,
                                     .operator_name = "budi", .station = "meja-B" };
    g_assert_null (serah_ceremony_record_handover (b, &request, NULL, &error));
    g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_UNKNOWN_CARD);
    g_clear_error (&error);
  }

  sync_ok (a);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.printed_cards"), ==,
                   run.cards);
  runs_at_b = print_runs_at (b);
  {
    SerahServerSyncResult r;

    CHECK (serah_server_sync (b, &r, &error));
    g_assert_cmpint (r.pulled_print_runs, ==, 1);
    g_assert_cmpint (r.pulled_cards, ==, run.cards);
    g_assert_cmpint (r.pulled_voids, ==, 0);
    g_assert_cmpint (r.card_conflicts, ==, 0);
  }
  g_assert_cmpint (print_runs_at (b), ==, runs_at_b + 1);
  {
    g_autoptr(SerahPrintedCard) at_b = serah_printed_cards_get (b, first->serial, &error);

    g_assert_no_error (error);
    g_assert_nonnull (at_b);
    g_assert_cmpint (at_b->printed_at, ==, first->printed_at);
  }

  /* B checks the card off by its QR code: the signature checks with the office's key. */
  {
    SerahHandoverRequest request = { .ceremony_id = f->ceremony, .code = first_code,
                                     .operator_name = "budi", .station = "meja-B" };
    h = serah_ceremony_record_handover (b, &request, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (h);
    g_assert_cmpint (h->card_serial, ==, first->serial);
  }

  /* A reprints the second card: its first serial is voided, and after both sync, B refuses
   * that code. */
  CHECK (serah_print_reprint_card (a, p_second->card_no, "rusak", f->kis, f->a4, NULL, "ani",
                                   reprint_pdf, &reprint, &error));
  g_assert_cmpint (reprint.first_serial, ==, run.last_serial + 1);
  sync_ok (a);
  {
    SerahServerSyncResult r;

    CHECK (serah_server_sync (b, &r, &error));
    g_assert_cmpint (r.pulled_print_runs, ==, 1);
    g_assert_cmpint (r.pulled_cards, ==, 1);
    g_assert_cmpint (r.pulled_voids, ==, 1);
  }
  {
    SerahHandoverRequest request = { .ceremony_id = f->ceremony, .code = voided_code,
                                     .operator_name = "budi", .station = "meja-B" };
    g_assert_null (serah_ceremony_record_handover (b, &request, NULL, &error));
    g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_VOIDED);
    g_assert_nonnull (strstr (error->message, "rusak"));
    g_clear_error (&error);
  }

  /* A resend is a no-op: push cursors back to the start, sync, the server has the same rows. */
  cards_on_server = admin_count (f->db, "SELECT count (*) FROM serah.printed_cards");
  runs_on_server = admin_count (f->db, "SELECT count (*) FROM serah.print_runs");
  voids_on_server = admin_count (f->db, "SELECT count (*) FROM serah.card_voids");
  g_assert_cmpint (cards_on_server, ==, run.cards + 1);
  g_assert_cmpint (runs_on_server, ==, 2);
  g_assert_cmpint (voids_on_server, ==, 1);
  for (guint i = 0; i < f->desks->len; i++)
    {
      SerahStore *desk = f->desks->pdata[i];

      CHECK (serah_store_set_setting (desk, "server.push-print-run-id", "0", &error));
      CHECK (serah_store_set_setting (desk, "server.push-void-id", "0", &error));
      sync_ok (desk);
    }
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.printed_cards"), ==,
                   cards_on_server);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.print_runs"), ==,
                   runs_on_server);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.card_voids"), ==,
                   voids_on_server);
  /* And nothing came back twice at B. */
  g_assert_cmpint (print_runs_at (b), ==, runs_at_b + 2);
}

static void
assert_refused (PGconn *conn, const char *sql, const char *sqlstate)
{
  PGresult *res = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
  g_test_message ("%s: %s", sql, PQresultErrorMessage (res));
  g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, sqlstate);
  PQclear (res);
}

/* The desk role reads and appends, never changes: 42501 for UPDATE and DELETE of runs, cards
 * and voids, and for any direct write to the blocks; nobody may TRUNCATE them. */
static void
test_least_rights (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  g_autofree char *desa = desa_of (a, 1);
  g_autofree char *name = desk_name (1);
  g_autofree char *password = desk_password (name);
  g_autofree char *conninfo = NULL;
  SerahPrintResult run = { 0 };
  const char *refused[] = {
    "UPDATE serah.printed_cards SET nik = '0000000000000000'",
    "DELETE FROM serah.printed_cards",
    "UPDATE serah.print_runs SET operator = 'x'",
    "DELETE FROM serah.print_runs",
    "UPDATE serah.card_voids SET reason = 'x'",
    "DELETE FROM serah.card_voids",
    "UPDATE serah.serial_blocks SET count = 1",
    "DELETE FROM serah.serial_blocks",
    "INSERT INTO serah.serial_blocks (desk, start, count) VALUES (current_user, 1, 5)",
    "UPDATE serah.office_keys SET value = 'x'",
    "TRUNCATE serah.printed_cards",
  };
  PGconn *conn;

  print_desa (f, a, desa, &run);
  sync_ok (a);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.printed_cards"), ==,
                   run.cards);

  conninfo = g_strdup_printf ("host=%s port=%d dbname=%s user=%s password=%s", pg_socket,
                              pg_port, f->db, name, password);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (conn, refused[i], "42501");
  /* What the desk may do: ask for a block through the function, which starts above all. */
  {
    PGresult *res = PQexec (conn, "SELECT serah.allocate_serial_block (10, 0)");
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
    g_assert_cmpint (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10), ==,
                     block_start_of (f, 1, 0) + 10000);
    PQclear (res);
  }
  PQfinish (conn);

  /* The owner cannot either, without dropping the triggers. */
  conn = admin_connect (f->db);
  {
    PGresult *res = PQexec (conn, "DELETE FROM serah.card_voids; TRUNCATE serah.serial_blocks");
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
    g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
    PQclear (res);
    res = PQexec (conn, "TRUNCATE serah.print_runs CASCADE");
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
    g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
    PQclear (res);
  }
  PQfinish (conn);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.printed_cards"), ==,
                   run.cards);
}

/* A linked desk whose block is used up, cut off from the server, refuses to print: the
 * message says why and what to do, and nothing is recorded or written. Back online, the same
 * run fetches a new block and prints. */
static void
test_no_serials_offline (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  g_autofree char *desa = desa_of (a, 1);
  g_autofree char *pdf = NULL;
  g_autofree char *next = NULL;
  SerahPrintResult result = { 0 };
  gint64 start = block_start_of (f, 1, 0), runs_before;

  /* The block used up: as if 10 000 cards had been printed. */
  next = g_strdup_printf ("%" G_GINT64_FORMAT, start + 10000);
  CHECK (serah_store_set_setting (a, "serials.next", next, &error));
  runs_before = print_runs_at (a);

  pg_stop ();
  g_assert_false (try_print_desa (f, a, desa, &result, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NO_SERIALS);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "No card serials left"));
  g_assert_nonnull (strstr (error->message, "has 0 left"));
  g_assert_nonnull (strstr (error->message, "sync"));
  g_clear_error (&error);
  g_assert_cmpint (print_runs_at (a), ==, runs_before);
  pdf = g_build_filename (f->dir, "run-1.pdf", NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    g_autoptr(SerahPrintedCard) none = serah_printed_cards_get (a, start + 10000, &error);
    g_assert_no_error (error);
    g_assert_null (none);
  }

  /* Back: the run asks for a block itself and prints from it (on a connection of its own,
   * as the window's print thread has: this one remembers the failure for a while). */
  pg_start ();
  {
    g_autoptr(SerahStore) again = serah_store_open (serah_store_get_path (a), &error);

    g_assert_no_error (error);
    print_desa (f, again, desa, &result);
  }
  g_assert_cmpint (result.first_serial, ==, block_start_of (f, 1, 1));
  g_assert_cmpint (print_runs_at (a), ==, runs_before + 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster_create ();

  g_test_add ("/serah/server/print/disjoint-blocks", Fixture, NULL, fixture_setup,
              test_disjoint_blocks, fixture_teardown);
  g_test_add ("/serah/server/print/check-off-and-void-elsewhere", Fixture, NULL, fixture_setup,
              test_check_off_and_void_elsewhere, fixture_teardown);
  g_test_add ("/serah/server/print/least-rights", Fixture, NULL, fixture_setup,
              test_least_rights, fixture_teardown);
  g_test_add ("/serah/server/print/no-serials-offline", Fixture, NULL, fixture_setup,
              test_no_serials_offline, fixture_teardown);

  status = g_test_run ();
  pg_stop ();
  serah_test_rm_rf (pg_dir);
  return status;
}
