/* test-server.c: the office server (issue 16) against a real PostgreSQL 15, started by this
 * test: a throwaway cluster (initdb, then pg_ctl start on a Unix socket in a temporary
 * folder, password logins only), stopped at the end, even when an assertion aborts.
 *
 * What it checks: a desk links without its password landing in the database; a wrong
 * password is refused with a clear message and changes nothing; two and five desks racing on
 * the same cards never hand one card over twice; a desk cut off mid-ceremony keeps recording
 * and, reconnected, converges with the others, losing nothing and keeping the conflicts; the
 * server keeps events append-only against the desks' own logins; a stale or newer schema is
 * refused; another desk's handover is heard through LISTEN/NOTIFY; the register, ceremonies
 * and invitations reach a desk that never imported, a later import wins by the office's import
 * sequence, a ceremony closed at one desk is closed at the others, and a pulled card number
 * held by another NIK is refused alone; each desk's audit log reaches the office's
 * append-only serah.audit_log with its desk, operator and time, once, and no desk's local
 * log is rewritten by it; a testimonial reaches the other desk and a consent withdrawn at one
 * desk takes it out of every desk's exports.
 */
#include "config.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "serah-test-fixture.h"
#include "serah-test-pg.h"

#include "admin/serah-store-operators-private.h"
#include "server/serah-server-conn-private.h"
#include "server/serah-store-server-private.h"

/* A call that must succeed, its error shown when it does not. */
#define CHECK(call) \
  G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

#define ADMIN_PASSWORD SERAH_TEST_PG_ADMIN_PASSWORD
#define N_PARTICIPANTS 60

static int test_counter;

/* ---- the office and its desks ---- */

typedef struct {
  char        *dir;
  char        *office_path;
  char        *db;        /* the PostgreSQL database of this test */
  char        *admin_url;
  gint64       ceremony;
  GPtrArray   *desks;     /* SerahStore */
  GPtrArray   *desk_names;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  g_autofree char *create = NULL;
  SerahStore *office;

  f->dir = serah_test_tmpdir ();
  f->db = g_strdup_printf ("office_%d", ++test_counter);
  create = g_strdup_printf ("CREATE DATABASE %s", f->db);
  admin_exec ("postgres", create);
  f->admin_url = url_for (f->db, "serah_admin");

  office = serah_test_open_store (f->dir, &f->office_path);
  payloads = ceremony_test_populate (office, N_PARTICIPANTS, 1000, NULL, &error);
  g_assert_no_error (error);
  f->ceremony = serah_ceremony_create (office, "Penyerahan KIS", "2026-12-06", "Pendopo", NULL,
                                       &error);
  g_assert_no_error (error);
  CHECK (serah_ceremony_invite_selection (office, f->ceremony, NULL, 0, NULL, NULL,
                                                  &error));
  CHECK (serah_server_init (office, f->admin_url, ADMIN_PASSWORD, &error));
  /* Closing folds the WAL into the file, so a plain copy is a complete database. */
  g_assert_finalize_object (office);

  f->desks = g_ptr_array_new_with_free_func (g_object_unref);
  f->desk_names = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->desks, g_ptr_array_unref);
  g_clear_pointer (&f->desk_names, g_ptr_array_unref);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->office_path);
  g_free (f->db);
  g_free (f->admin_url);
}

static char *
desk_password (const char *desk)
{
  return g_strdup_printf ("pw-of-%s-0123456789", desk);
}

/* A copy of the office database for desk i, its role on the server, not linked yet. */
static SerahStore *
add_desk (Fixture *f, const char **name_out)
{
  g_autoptr(GError) error = NULL;
  guint i = f->desks->len + 1;
  char *name = g_strdup_printf ("t%d-meja-%u", test_counter, i);
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
  g_ptr_array_add (f->desk_names, name);
  if (name_out != NULL)
    *name_out = name;
  return store;
}

static SerahStore *
add_linked_desk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  SerahStore *store = add_desk (f, &name);
  g_autofree char *url = url_for (f->db, name);
  g_autofree char *password = desk_password (name);

  CHECK (serah_server_link (store, url, password, NULL, &error));
  return store;
}

static SerahHandover *
try_hand_over (SerahStore *store, gint64 ceremony, gint64 participant, const char *station,
               GError **error)
{
  SerahHandoverRequest request = { .ceremony_id = ceremony, .participant_id = participant,
                                   .identified_by = SERAH_IDENTIFIED_SEARCH,
                                   .operator_name = station, .station = station };
  return serah_ceremony_record_handover (store, &request, NULL, error);
}

static SerahHandover *
hand_over (SerahStore *store, gint64 ceremony, gint64 participant, const char *station)
{
  g_autoptr(GError) error = NULL;
  SerahHandover *h = try_hand_over (store, ceremony, participant, station, &error);

  g_assert_no_error (error);
  return h;
}

static SerahServerState
state_of (SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahServerStatus) status = serah_server_get_status (store, &error);

  g_assert_no_error (error);
  return status->state;
}

static void
sync_ok (SerahStore *store, SerahServerSyncResult *result)
{
  g_autoptr(GError) error = NULL;

  CHECK (serah_server_sync (store, result, &error));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Every handover uuid of the ceremony at this desk, sorted, joined. */
static char *
handover_set (SerahStore *store, gint64 ceremony)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = serah_ceremony_list_handovers (store, ceremony, 0, &error);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      SerahHandover *h = all->pdata[i];
      g_ptr_array_add (uuids, h->undo_uuid ? g_strconcat (h->uuid, "/", h->undo_uuid, NULL)
                                           : g_strdup (h->uuid));
    }
  g_ptr_array_sort (uuids, compare_strings);
  for (guint i = 0; i < uuids->len; i++)
    {
      g_string_append_printf (out, "%s\n", (char *) uuids->pdata[i]);
      g_free (uuids->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
conflicts_at (SerahStore *store, gint64 ceremony)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) progress = serah_ceremony_get_progress (store, ceremony,
                                                                          &error);
  g_assert_no_error (error);
  return progress->conflicts;
}

static gint64
handed_over_at (SerahStore *store, gint64 ceremony)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) progress = serah_ceremony_get_progress (store, ceremony,
                                                                          &error);
  g_assert_no_error (error);
  return progress->total.handed_over;
}

/* ---- linking ---- */

static gboolean
file_has (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static void
test_link_keeps_password_out (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  SerahStore *desk = add_desk (f, &name);
  g_autofree char *password = desk_password (name);
  g_autofree char *url = g_strdup_printf ("postgresql://%s:%s@/%s?host=%s&port=%d"
                                          "&sslmode=disable",
                                          name, password, f->db, pg_socket, pg_port);
  g_autofree char *passfile = g_strconcat (serah_store_get_path (desk), ".pgpass", NULL);
  g_autofree char *wal = g_strconcat (serah_store_get_path (desk), "-wal", NULL);
  g_autoptr(SerahServerStatus) status = NULL;
  struct stat st;

  g_assert_cmpint (state_of (desk), ==, SERAH_SERVER_UNLINKED);
  CHECK (serah_server_link (desk, url, NULL, NULL, &error));

  /* The password sits only in the 0600 passfile; the connection string kept in the database
   * has the sslmode asked for and no password. */
  g_assert_cmpint (g_stat (passfile, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (file_has (passfile, password));
  g_assert_false (file_has (serah_store_get_path (desk), password));
  g_assert_false (file_has (wal, password));
  status = serah_server_get_status (desk, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, SERAH_SERVER_ONLINE);
  g_assert_nonnull (strstr (status->conninfo, "sslmode='disable'"));
  g_assert_null (strstr (status->conninfo, password));
  g_assert_cmpstr (status->desk, ==, name);

  /* A new store object finds the link again through the passfile. */
  serah_handover_free (hand_over (desk, f->ceremony, 1, "meja-1"));
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 1);

  CHECK (serah_server_unlink (desk, NULL, &error));
  g_assert_false (g_file_test (passfile, G_FILE_TEST_EXISTS));
  g_assert_cmpint (state_of (desk), ==, SERAH_SERVER_UNLINKED);
  /* Unlinked, the desk records as before, locally only. */
  serah_handover_free (hand_over (desk, f->ceremony, 2, "meja-1"));
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 1);
}

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  SerahStore *desk = add_desk (f, &name);
  g_autofree char *url = url_for (f->db, name);
  g_autofree char *password = desk_password (name);
  g_autofree char *passfile = g_strconcat (serah_store_get_path (desk), ".pgpass", NULL);
  g_autoptr(SerahServerStatus) status = NULL;
  SerahServerSyncResult result;

  /* Refused at link: a clear message, nothing stored. */
  g_assert_false (serah_server_link (desk, url, "not-the-password", NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);
  g_assert_cmpint (state_of (desk), ==, SERAH_SERVER_UNLINKED);
  g_assert_false (g_file_test (passfile, G_FILE_TEST_EXISTS));

  /* Linked, then the office changes the desk's password: the desk keeps recording locally,
   * says why, and sends everything once linked again. */
  CHECK (serah_server_link (desk, url, password, NULL, &error));
  CHECK (serah_server_add_desk (f->admin_url, ADMIN_PASSWORD, name,
                                        "a-new-password-4567", &error));
  /* The desk starts again (a session already open would stay logged in). */
  {
    g_autofree char *path = g_strdup (serah_store_get_path (desk));
    g_ptr_array_remove_index (f->desks, 0);
    desk = serah_store_open (path, &error);
    g_assert_no_error (error);
    g_ptr_array_add (f->desks, desk);
  }
  for (gint64 id = 1; id <= 3; id++)
    serah_handover_free (hand_over (desk, f->ceremony, id, "meja-1"));
  status = serah_server_get_status (desk, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, SERAH_SERVER_OFFLINE);
  g_assert_nonnull (strstr (status->last_error, "password"));
  g_assert_cmpint (status->pending_handovers, ==, 3);
  g_assert_false (serah_server_sync (desk, NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpint (handed_over_at (desk, f->ceremony), ==, 3);

  CHECK (serah_server_link (desk, url, "a-new-password-4567", NULL, &error));
  sync_ok (desk, &result);
  g_clear_pointer (&status, serah_server_status_free);
  status = serah_server_get_status (desk, &error);
  g_assert_cmpint (status->state, ==, SERAH_SERVER_ONLINE);
  g_assert_cmpint (status->pending_handovers, ==, 0);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 3);
}

/* ---- racing desks ---- */

typedef struct {
  SerahStore *store;
  gint64      ceremony;
  const char *station;
  guint       seed;
  gint64      handed;
  gint64      refused;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (r->seed);
  gint64 order[N_PARTICIPANTS];

  for (guint i = 0; i < N_PARTICIPANTS; i++)
    order[i] = i + 1;
  for (guint i = N_PARTICIPANTS - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gint64 t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < N_PARTICIPANTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahHandover) h = try_hand_over (r->store, r->ceremony, order[i], r->station,
                                                  &error);
      if (h != NULL)
        r->handed++;
      else if (g_error_matches (error, SERAH_CEREMONY_ERROR,
                                SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER))
        r->refused++;
      else
        g_error ("%s: unexpected: %s", r->station, error->message);
    }
  return NULL;
}

static void
test_race (Fixture *f, gconstpointer data)
{
  guint n_desks = GPOINTER_TO_UINT (data);
  g_autofree Racer *racers = g_new0 (Racer, n_desks);
  g_autofree GThread **threads = g_new0 (GThread *, n_desks);
  gint64 handed = 0;

  for (guint i = 0; i < n_desks; i++)
    {
      racers[i].store = add_linked_desk (f);
      racers[i].ceremony = f->ceremony;
      racers[i].station = f->desk_names->pdata[i];
      racers[i].seed = 1000 + i;
      /* The store moves to its thread; nothing else touches it meanwhile. */
    }
  for (guint i = 0; i < n_desks; i++)
    threads[i] = g_thread_new ("desk", race, &racers[i]);
  for (guint i = 0; i < n_desks; i++)
    g_thread_join (threads[i]);

  /* Every card went to exactly one desk, and every other desk was told so. */
  for (guint i = 0; i < n_desks; i++)
    {
      handed += racers[i].handed;
      g_assert_cmpint (racers[i].handed + racers[i].refused, ==, N_PARTICIPANTS);
    }
  g_assert_cmpint (handed, ==, N_PARTICIPANTS);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==,
                   N_PARTICIPANTS);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM (SELECT card_no FROM"
                                       " serah.handovers GROUP BY ceremony_uuid, card_no"
                                       " HAVING count (*) > 1) d"),
                   ==, 0);

  /* After a sync every desk shows the whole ceremony, without a conflict. */
  for (guint i = 0; i < n_desks; i++)
    sync_ok (f->desks->pdata[i], NULL);
  for (guint i = 0; i < n_desks; i++)
    {
      g_autofree char *mine = handover_set (f->desks->pdata[i], f->ceremony);
      g_autofree char *first = handover_set (f->desks->pdata[0], f->ceremony);
      g_assert_cmpint (handed_over_at (f->desks->pdata[i], f->ceremony), ==, N_PARTICIPANTS);
      g_assert_cmpint (conflicts_at (f->desks->pdata[i], f->ceremony), ==, 0);
      g_assert_cmpstr (mine, ==, first);
    }
}

/* ---- refusal and undo across desks ---- */

static void
test_refusal_names_desk_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autoptr(SerahHandover) h = hand_over (a, f->ceremony, 7, "meja-A");
  g_autoptr(SerahHandover) existing = NULL;
  g_autoptr(SerahHandover) undone = NULL;
  g_autoptr(SerahHandover) again = NULL;
  SerahHandoverRequest request = { .ceremony_id = f->ceremony, .participant_id = 7,
                                   .identified_by = SERAH_IDENTIFIED_SEARCH,
                                   .operator_name = "budi", .station = "meja-B" };
  g_autoptr(SerahHandover) refused = serah_ceremony_record_handover (b, &request, &existing,
                                                                     &error);

  /* B has not pulled: the server refuses, naming the desk, officer and station. */
  g_assert_null (refused);
  g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER);
  g_assert_nonnull (strstr (error->message, "meja-A"));
  g_assert_nonnull (strstr (error->message, f->desk_names->pdata[0]));
  g_assert_nonnull (existing);
  g_assert_cmpstr (existing->uuid, ==, h->uuid);
  g_assert_cmpint (existing->handed_at, ==, h->handed_at);
  g_clear_error (&error);
  g_assert_cmpint (handed_over_at (b, f->ceremony), ==, 0);

  /* A undoes it; the undo reaches the server at once and B may hand the card over. */
  undone = serah_ceremony_undo_handover (a, f->ceremony, h->uuid, "salah orang", "ani",
                                         "meja-A", &error);
  g_assert_no_error (error);
  again = hand_over (b, f->ceremony, 7, "meja-B");
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers WHERE claim_no"
                                       " = 1"),
                   ==, 1);
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  g_assert_cmpint (handed_over_at (a, f->ceremony), ==, 1);
  g_assert_cmpint (conflicts_at (a, f->ceremony), ==, 0);
  {
    g_autofree char *set_a = handover_set (a, f->ceremony);
    g_autofree char *set_b = handover_set (b, f->ceremony);
    g_assert_cmpstr (set_a, ==, set_b);
  }
}

/* ---- cut off and back ---- */

static void
test_cut_off_and_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) local_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) local_b = g_ptr_array_new_with_free_func (g_free);
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  SerahServerSyncResult result;
  g_autoptr(SerahServerStatus) status = NULL;

  /* Online: 1..10 at A. */
  for (gint64 id = 1; id <= 10; id++)
    serah_handover_free (hand_over (a, f->ceremony, id, "meja-A"));

  /* The server goes away mid-ceremony. Both desks keep recording: A 11..20, B 16..25 (16..20
   * twice: conflicts), and B undoes 25. */
  pg_stop ();
  for (gint64 id = 11; id <= 20; id++)
    {
      g_autoptr(SerahHandover) h = hand_over (a, f->ceremony, id, "meja-A");
      g_ptr_array_add (local_a, g_strdup (h->uuid));
    }
  for (gint64 id = 16; id <= 25; id++)
    {
      g_autoptr(SerahHandover) h = hand_over (b, f->ceremony, id, "meja-B");
      g_ptr_array_add (local_b, g_strdup (h->uuid));
      if (id == 25)
        serah_handover_free (serah_ceremony_undo_handover (b, f->ceremony, h->uuid, "salah",
                                                           "budi", "meja-B", &error));
      g_assert_no_error (error);
    }
  status = serah_server_get_status (a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status->state, ==, SERAH_SERVER_OFFLINE);
  g_assert_cmpint (status->pending_handovers, ==, 10);
  g_assert_nonnull (status->last_error);
  g_assert_false (serah_server_sync (b, NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* Back: both push and pull; they converge, nothing is lost, the conflicts stay. */
  pg_start ();
  sync_ok (a, &result);
  g_assert_cmpint (result.pushed_handovers, ==, 10);
  sync_ok (b, &result);
  g_assert_cmpint (result.pushed_handovers, ==, 10);
  g_assert_cmpint (result.pushed_undos, ==, 1);
  g_assert_cmpint (result.new_handovers, ==, 20);
  g_assert_cmpint (result.conflicts, ==, 5);
  sync_ok (a, &result);
  g_assert_cmpint (result.new_handovers, ==, 10);
  g_assert_cmpint (result.new_undos, ==, 1);

  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 30);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.undos"), ==, 1);
  for (guint i = 0; i < local_a->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM serah.handovers WHERE"
                                              " uuid = '%s'", (char *) local_a->pdata[i]);
      g_assert_cmpint (admin_count (f->db, sql), ==, 1);
    }
  {
    g_autofree char *set_a = handover_set (a, f->ceremony);
    g_autofree char *set_b = handover_set (b, f->ceremony);
    g_autoptr(GPtrArray) conflicts = serah_ceremony_list_conflicts (a, f->ceremony, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (set_a, ==, set_b);
    g_assert_cmpuint (conflicts->len, ==, 5);
    g_assert_cmpint (conflicts_at (b, f->ceremony), ==, 5);
    g_assert_cmpint (handed_over_at (a, f->ceremony), ==, 24);
    g_assert_cmpint (handed_over_at (b, f->ceremony), ==, 24);
  }

  /* Online again: a card in conflict stays refused at both desks. */
  {
    g_autoptr(SerahHandover) h = try_hand_over (b, f->ceremony, 17, "meja-B", &error);
    g_assert_null (h);
    g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER);
  }
}

/* ---- the server's own rules ---- */

static void
test_append_only_and_least_rights (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  const char *name = f->desk_names->pdata[0];
  g_autofree char *password = desk_password (name);
  g_autofree char *url = url_for (f->db, name);
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, password, NULL };
  PGconn *desk;
  PGconn *admin;
  const char *refused_for_desk[] = {
    "UPDATE serah.handovers SET operator = 'x'",
    "DELETE FROM serah.handovers",
    "TRUNCATE serah.undos",
    "UPDATE serah.handovers SET operator = 'x' WHERE false",
    "INSERT INTO serah.handovers (uuid, ceremony_uuid, card_no, nik, handed_at, operator,"
    " station, recipient, uninvited, identified_by, desk) VALUES"
    " ('00000000-0000-0000-0000-000000000000', 'c', '1', '1', 0, 'o', 's', 'self', false,"
    " 'search', 'someone-else')",
    "CREATE TABLE serah.mine (x int)",
  };

  serah_handover_free (hand_over (a, f->ceremony, 3, "meja-A"));
  desk = PQconnectdbParams (keys, values, 1);
  g_assert_cmpint (PQstatus (desk), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused_for_desk); i++)
    {
      PGresult *res = PQexec (desk, refused_for_desk[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
      PQclear (res);
    }
  PQfinish (desk);

  /* Not even the owner rewrites history without dropping the trigger first. */
  admin = admin_connect (f->db);
  for (guint i = 0; i < 3; i++)
    {
      PGresult *res = PQexec (admin, refused_for_desk[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
      PQclear (res);
    }
  PQfinish (admin);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 1);
}

static void
test_schema_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  SerahStore *desk = add_desk (f, &name);
  g_autofree char *url = url_for (f->db, name);
  g_autofree char *password = desk_password (name);
  g_autofree char *other = g_strdup_printf ("other_%d", test_counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", other);
  g_autofree char *other_url = url_for (other, name);

  /* A server set up by a newer Serah is refused, and so is an empty database. */
  admin_exec (f->db, "INSERT INTO serah.schema_version (version) VALUES (99)");
  g_assert_false (serah_server_link (desk, url, password, NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_SCHEMA_NEW);
  g_clear_error (&error);
  admin_exec (f->db, "DELETE FROM serah.schema_version WHERE version = 99");

  admin_exec ("postgres", create);
  g_assert_false (serah_server_link (desk, other_url, password, NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_NOT_SET_UP);
  g_clear_error (&error);
  g_assert_cmpint (state_of (desk), ==, SERAH_SERVER_UNLINKED);

  /* Init twice changes nothing; then the link works. */
  {
    g_autoptr(SerahStore) office = serah_store_open (f->office_path, &error);
    g_assert_no_error (error);
    CHECK (serah_server_init (office, f->admin_url, ADMIN_PASSWORD, &error));
  }
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.schema_version"), ==,
                   SERAH_SERVER_SCHEMA_VERSION);
  CHECK (serah_server_link (desk, url, password, NULL, &error));
}

static void
test_listen_notify (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  SerahServerSyncResult result;

  /* B's first wait starts listening and says "sync" (something may have come before);
   * after that, nothing new: the wait times out. */
  CHECK (serah_server_wait (b, 0, &error));
  sync_ok (b, NULL);
  g_assert_false (serah_server_wait (b, 50, &error));
  g_assert_no_error (error);
  serah_handover_free (hand_over (a, f->ceremony, 9, "meja-A"));
  /* The notification is already on its way; 30 s is only a ceiling. */
  CHECK (serah_server_wait (b, 30000, &error));
  sync_ok (b, &result);
  g_assert_cmpint (result.new_handovers, ==, 1);
  g_assert_cmpint (handed_over_at (b, f->ceremony), ==, 1);
}

/* ---- TLS: the office's certificate (sslmode=verify-full) ---- */

static char *
tls_url (Fixture *f, const char *name, const char *ca_file)
{
  return g_strdup_printf ("postgresql://localhost:%d/%s?user=%s&sslmode=verify-full"
                          "&sslrootcert=%s", pg_port, f->db, name, ca_file);
}

static void
test_tls (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *good_name = NULL;
  const char *bad_name = NULL;
  SerahStore *good = add_desk (f, &good_name);
  SerahStore *bad = add_desk (f, &bad_name);
  g_autofree char *good_url = tls_url (f, good_name, pg_ca_file);
  g_autofree char *bad_url = tls_url (f, bad_name, pg_other_ca_file);
  g_autofree char *good_password = desk_password (good_name);
  g_autofree char *bad_password = desk_password (bad_name);
  g_autofree char *bad_passfile = g_strconcat (serah_store_get_path (bad), ".pgpass", NULL);
  g_autofree char *ssl_sql = NULL;

  /* The office's CA: linked over TLS, the server's name checked; handovers go through. */
  CHECK (serah_server_link (good, good_url, good_password, NULL, &error));
  g_assert_cmpint (state_of (good), ==, SERAH_SERVER_ONLINE);
  serah_handover_free (hand_over (good, f->ceremony, 1, "meja-tls"));
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 1);
  ssl_sql = g_strdup_printf ("SELECT count (*) FROM pg_stat_ssl s JOIN pg_stat_activity a"
                             " USING (pid) WHERE s.ssl AND a.usename = '%s'", good_name);
  g_assert_cmpint (admin_count (f->db, ssl_sql), >=, 1);

  /* Another CA: refused, saying it is the certificate; nothing stored. */
  g_assert_false (serah_server_link (bad, bad_url, bad_password, NULL, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (state_of (bad), ==, SERAH_SERVER_UNLINKED);
  g_assert_false (g_file_test (bad_passfile, G_FILE_TEST_EXISTS));

  /* The refused desk loses nothing: it records locally, and the card it handed over is its
   * own. */
  serah_handover_free (hand_over (bad, f->ceremony, 2, "meja-bad-ca"));
  g_assert_cmpint (handed_over_at (bad, f->ceremony), ==, 1);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, 1);

  /* A desk that trusts nothing but is told to verify is refused the same way. */
  {
    g_autofree char *plain = g_strdup_printf ("postgresql://localhost:%d/%s?user=%s"
                                              "&sslmode=verify-full&sslrootcert=%s/none.crt",
                                              pg_port, f->db, bad_name, f->dir);
    g_assert_false (serah_server_link (bad, plain, bad_password, NULL, &error));
    g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_TLS);
    g_clear_error (&error);
  }
}

/* ---- the server restarted under load ---- */

typedef struct {
  SerahStore *store;
  gint64      ceremony;
  const char *station;
  guint       seed;
  gint64      handed;
  gint64      refused;
  volatile gint *stop;
} Scanner;

/* A desk scanning every card in its own order, as fast as it can, through whatever the server
 * does meanwhile. A handover either succeeds (claimed, or recorded locally while the server is
 * away) or is refused as already handed over; nothing else may happen. */
static gpointer
scan_all (gpointer data)
{
  Scanner *s = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (s->seed);
  gint64 order[N_PARTICIPANTS];

  for (guint i = 0; i < N_PARTICIPANTS; i++)
    order[i] = i + 1;
  for (guint i = N_PARTICIPANTS - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      gint64 t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < N_PARTICIPANTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahHandover) h = try_hand_over (s->store, s->ceremony, order[i], s->station,
                                                  &error);
      if (h != NULL)
        s->handed++;
      else if (g_error_matches (error, SERAH_CEREMONY_ERROR,
                                SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER))
        s->refused++;
      else
        g_error ("%s: unexpected: %s", s->station, error->message);
      /* A third of the way, every desk waits while the server restarts under it. */
      if (i == N_PARTICIPANTS / 3)
        {
          g_atomic_int_inc (s->stop);
          while (g_atomic_int_get (s->stop) > 0)
            g_thread_yield ();
        }
    }
  return NULL;
}

static void
test_restart_under_load (Fixture *f, gconstpointer data)
{
  enum { N_DESKS = 5 };
  Scanner scanners[N_DESKS] = { 0 };
  GThread *threads[N_DESKS];
  volatile gint gate = 0;
  gint64 local_live = 0;

  for (guint i = 0; i < N_DESKS; i++)
    {
      scanners[i].store = add_linked_desk (f);
      scanners[i].ceremony = f->ceremony;
      scanners[i].station = f->desk_names->pdata[i];
      scanners[i].seed = 2000 + i;
      scanners[i].stop = &gate;
    }
  for (guint i = 0; i < N_DESKS; i++)
    threads[i] = g_thread_new ("desk", scan_all, &scanners[i]);
  /* Every desk has scanned a third of its cards, its connection open: restart the server
   * (pg_ctl stop -m fast, start), which cuts every connection, then let them go on. (Scanning
   * while the server is away is the cut-off test's.) */
  while (g_atomic_int_get (&gate) < N_DESKS)
    g_thread_yield ();
  pg_stop ();
  pg_start ();
  g_atomic_int_set (&gate, -1000);
  for (guint i = 0; i < N_DESKS; i++)
    g_thread_join (threads[i]);

  /* Each desk answered every card: handed over here or refused, never an error. */
  for (guint i = 0; i < N_DESKS; i++)
    g_assert_cmpint (scanners[i].handed + scanners[i].refused, ==, N_PARTICIPANTS);

  /* Everyone syncs (twice: the second pull brings what others pushed in their first). */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DESKS; i++)
      sync_ok (f->desks->pdata[i], NULL);

  /* No loss: every handover recorded at any desk is on the server, and the desks converge. */
  for (guint i = 0; i < N_DESKS; i++)
    local_live += scanners[i].handed;
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers"), ==, local_live);
  for (guint i = 0; i < N_DESKS; i++)
    {
      g_autofree char *mine = handover_set (f->desks->pdata[i], f->ceremony);
      g_autofree char *first = handover_set (f->desks->pdata[0], f->ceremony);
      g_assert_cmpstr (mine, ==, first);
      g_assert_cmpint (handed_over_at (f->desks->pdata[i], f->ceremony), ==, N_PARTICIPANTS);
    }
  /* No double handover: the first claim on a connection the restart cut connects again at
   * once (serah-server-claim.c) instead of recording locally for the retry delay, so every
   * card went to exactly one desk and no desk has a conflict. */
  g_assert_cmpint (local_live, ==, N_PARTICIPANTS);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM (SELECT card_no FROM"
                                       " serah.handovers GROUP BY ceremony_uuid, card_no"
                                       " HAVING count (*) > 1) d"), ==, 0);
  for (guint i = 0; i < N_DESKS; i++)
    g_assert_cmpint (conflicts_at (f->desks->pdata[i], f->ceremony), ==, 0);
}

/* ---- one register (issue 16) ---- */

#define N_REGISTER 200

/* The NIK and card number of the i-th person of the register test's list. */
static char *
register_nik (guint i)
{
  return g_strdup_printf ("36010501019%05u", i);
}

/* A list of N_REGISTER people of desa Sukamaju; person `changed` (if < N) lives elsewhere. */
static char *
write_register_csv (Fixture *f, const char *name, guint changed, const char *new_address)
{
  g_autoptr(GString) csv = g_string_new ("NIK,NO_KARTU,NAMA,JK,ALAMAT,DESA,KECAMATAN\n");
  char *path = g_build_filename (f->dir, name, NULL);

  for (guint i = 0; i < N_REGISTER; i++)
    {
      g_autofree char *nik = register_nik (i);
      g_string_append_printf (csv, "%s,00099%08u,Warga Sukamaju %u,%s,%s,Sukamaju,Labuan\n",
                              nik, i, i, i % 2 ? "P" : "L",
                              i == changed ? new_address : "Kampung Lama RT 01");
    }
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  return path;
}

static void
import_ok (SerahStore *store, const char *csv, gint64 expect_written)
{
  g_autoptr(GError) error = NULL;
  SerahImportOptions options = { .operator_name = "ani" };
  g_autoptr(SerahImportReport) report = serah_import_file (store, csv, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (report->counts.rejected, ==, 0);
  g_assert_cmpint (report->counts.imported + report->counts.updated, ==, expect_written);
}

static gint64
ceremony_by_uuid (SerahStore *store, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = serah_ceremony_list (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      SerahCeremony *c = all->pdata[i];
      if (g_strcmp0 (c->uuid, uuid) == 0)
        return c->id;
    }
  return 0;
}

/* Desk A imports 200 people and makes a ceremony for them; desk B, whose copy has neither,
 * syncs and can hand one of them over (the live claim, so A is refused); a later import on A
 * that changes an address reaches B; B took a backup before the register first landed. */
static void
test_one_register (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autofree char *first = write_register_csv (f, "sukamaju.csv", G_MAXUINT, NULL);
  g_autofree char *second = write_register_csv (f, "sukamaju-2.csv", 7, "Jalan Baru No. 7");
  g_autofree char *nik5 = register_nik (5);
  g_autofree char *nik7 = register_nik (7);
  char *sukamaju[] = { "Sukamaju", NULL };
  SerahParticipantFilter filter = { .desa = sukamaju };
  SerahServerSyncResult r;
  g_autoptr(SerahCeremony) ceremony_a = NULL;
  g_autoptr(SerahParticipant) on_b = NULL;
  g_autoptr(SerahParticipant) on_a = NULL;
  g_autoptr(SerahParticipant) moved = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gint64 ceremony_id, ceremony_b, added = 0;

  import_ok (a, first, N_REGISTER);
  ceremony_id = serah_ceremony_create (a, "Penyerahan Sukamaju", "2026-12-07", "Balai Desa",
                                       NULL, &error);
  g_assert_no_error (error);
  CHECK (serah_ceremony_invite_selection (a, ceremony_id, &filter, 0, NULL, &added, &error));
  g_assert_cmpint (added, ==, N_REGISTER);
  ceremony_a = serah_ceremony_get (a, ceremony_id, &error);
  g_assert_no_error (error);

  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, N_REGISTER);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.participant_versions"), ==,
                   N_REGISTER);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.invitations i"
                                       " JOIN serah.ceremonies c ON c.uuid = i.ceremony_uuid"
                                       " WHERE c.name = 'Penyerahan Sukamaju'"), ==, N_REGISTER);

  /* B never imported: it knows nobody of Sukamaju and not the ceremony. */
  g_assert_null (serah_participants_find_by_nik (b, nik5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ceremony_by_uuid (b, ceremony_a->uuid), ==, 0);

  sync_ok (b, &r);
  g_assert_cmpint (r.pulled_participants, ==, N_REGISTER);
  g_assert_cmpint (r.pulled_ceremonies, ==, 1);
  g_assert_cmpint (r.pulled_invitations, ==, N_REGISTER);
  g_assert_cmpint (r.pushed_participants, ==, 0);
  backups = serah_backup_list_automatic (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (((SerahBackupInfo *) backups->pdata[0])->reason, ==, "server-first-pull");
  {
    SerahAuditFilter audit = { .action = "server.pull-register" };
    g_autoptr(GPtrArray) events = serah_audit_list (b, &audit, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    g_assert_nonnull (strstr (((SerahAuditEvent *) events->pdata[0])->details,
                              "\"participants\":\"200\""));
  }

  /* B checks one of them off, invited (not "uninvited"), claimed on the server. */
  ceremony_b = ceremony_by_uuid (b, ceremony_a->uuid);
  g_assert_cmpint (ceremony_b, >, 0);
  on_b = serah_participants_find_by_nik (b, nik5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (on_b);
  g_assert_cmpstr (on_b->address, ==, "Kampung Lama RT 01");
  h = hand_over (b, ceremony_b, on_b->id, "meja-b");
  g_assert_nonnull (h);
  g_assert_false (h->uninvited);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.handovers h"
                                       " JOIN serah.ceremonies c ON c.uuid = h.ceremony_uuid"
                                       " WHERE c.name = 'Penyerahan Sukamaju'"), ==, 1);
  on_a = serah_participants_find_by_nik (a, nik5, &error);
  g_assert_no_error (error);
  g_assert_null (try_hand_over (a, ceremony_id, on_a->id, "meja-a", &error));
  g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER);
  g_clear_error (&error);

  /* A later import on A changes one address; only that version travels, and B takes it. */
  import_ok (a, second, 1);
  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, 1);
  sync_ok (b, &r);
  g_assert_cmpint (r.pulled_participants, ==, 1);
  g_assert_cmpint (r.pulled_invitations, ==, 0);
  moved = serah_participants_find_by_nik (b, nik7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moved->address, ==, "Jalan Baru No. 7");

  /* Syncing again moves nothing, and B still took only one backup. */
  sync_ok (b, &r);
  g_assert_cmpint (r.pulled_participants + r.pulled_ceremonies + r.pulled_invitations, ==, 0);
  g_assert_cmpint (r.pushed_participants, ==, 0);

  /* The later import wins by the office's import sequence: B now imports a list where
   * person 7 lives elsewhere again; pushed after A's, it is the current version at A too. */
  {
    g_autofree char *third = write_register_csv (f, "sukamaju-3.csv", 7, "Gang Melati 3");
    g_autoptr(SerahParticipant) at_a = NULL;

    import_ok (b, third, 1);
    sync_ok (b, &r);
    g_assert_cmpint (r.pushed_participants, ==, 1);
    sync_ok (a, &r);
    g_assert_cmpint (r.pulled_participants, ==, 1);
    at_a = serah_participants_find_by_nik (a, nik7, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (at_a->address, ==, "Gang Melati 3");
  }

  /* A closes the ceremony; at B it is closed too, and takes no more handovers. */
  {
    g_autoptr(SerahParticipant) next = serah_participants_find_by_nik (b, nik7, &error);
    g_autoptr(SerahCeremony) closed = NULL;

    g_assert_no_error (error);
    CHECK (serah_ceremony_close (a, ceremony_id, "ani", &error));
    sync_ok (a, &r);
    sync_ok (b, &r);
    g_assert_cmpint (r.pulled_closures, ==, 1);
    closed = serah_ceremony_get (b, ceremony_b, &error);
    g_assert_no_error (error);
    g_assert_cmpint (closed->closed_at, >, 0);
    g_assert_cmpstr (closed->closed_by, ==, "ani");
    g_assert_null (try_hand_over (b, ceremony_b, next->id, "meja-b", &error));
    g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_CLOSED);
    g_clear_error (&error);
  }
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = serah_backup_list_automatic (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
}

/* A version on the server whose card number another NIK holds at this desk (two offices' lists
 * disagreeing) is refused alone: counted, the desk's participant kept, the rest pulled, and the
 * sync succeeds. */
static void
test_register_card_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *desk = add_linked_desk (f);
  g_autoptr(SerahParticipant) mine = serah_participants_get (desk, 1, &error);
  g_autoptr(SerahParticipant) still = NULL;
  g_autoptr(SerahParticipant) other = NULL;
  g_autoptr(SerahParticipant) clean = NULL;
  g_autofree char *sql = NULL;
  SerahServerSyncResult r;

  g_assert_no_error (error);
  g_assert_nonnull (mine);
  sql = g_strdup_printf ("INSERT INTO serah.imports (desk, local_id, file_name, sha256,"
                         " started_at, rows) VALUES ('lain', 1, 'lain.csv', 'x', 0, 2);"
                         "INSERT INTO serah.participant_versions (import_seq, nik, card_no, name,"
                         " sex) SELECT seq, '3601059999990001', '%s', 'Kartu Dipakai', 'L'"
                         " FROM serah.imports WHERE desk = 'lain';"
                         "INSERT INTO serah.participant_versions (import_seq, nik, card_no, name,"
                         " sex) SELECT seq, '3601059999990002', '0009999999999', 'Bersih', 'P'"
                         " FROM serah.imports WHERE desk = 'lain'",
                         mine->card_no);
  admin_exec (f->db, sql);

  sync_ok (desk, &r);
  g_assert_cmpint (r.register_conflicts, ==, 1);
  g_assert_cmpint (r.pulled_participants, ==, 1);
  still = serah_participants_find_by_card (desk, mine->card_no, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (still->nik, ==, mine->nik);
  g_assert_cmpstr (still->name, ==, mine->name);
  other = serah_participants_find_by_nik (desk, "3601059999990001", &error);
  g_assert_no_error (error);
  g_assert_null (other);
  clean = serah_participants_find_by_nik (desk, "3601059999990002", &error);
  g_assert_no_error (error);
  g_assert_nonnull (clean);
  g_assert_cmpstr (clean->name, ==, "Bersih");
}

/* The audit log (schema v3): a desk's entries reach serah.audit_log with the desk's login,
 * the operator and the time as recorded there; a second sync sends nothing again; the other
 * desk's local log is untouched; the table is append-only for desks and owner alike; a
 * server still at schema v2 is refused as stale. */
static void
test_audit_log (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  const char *name_a = f->desk_names->pdata[0];
  const char *name_b = f->desk_names->pdata[1];
  g_autofree char *password = desk_password (name_a);
  g_autofree char *url = url_for (f->db, name_a);
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, password, NULL };
  SerahAuditFilter test_entries = { .action = "test.audit-sync" };
  SerahServerSyncResult result = { 0 };
  g_autoptr(GPtrArray) local_a = NULL;
  g_autoptr(GPtrArray) all_a = NULL;
  g_autoptr(GPtrArray) local_b = NULL;
  g_autoptr(GPtrArray) all_b_before = NULL;
  g_autoptr(GPtrArray) all_b_after = NULL;
  g_autofree char *same_entry = NULL;
  g_autofree char *desk_a_rows = NULL;
  const char *refused[] = {
    "UPDATE serah.audit_log SET operator = 'x'",
    "DELETE FROM serah.audit_log",
    "TRUNCATE serah.audit_log",
  };
  SerahAuditEvent *e;
  PGconn *conn;

  CHECK (serah_audit_record (a, "Siti Aminah", "test.audit-sync", "kartu 0001",
                             "{\"n\":\"1\"}", &error));
  local_a = serah_audit_list (a, &test_entries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local_a->len, ==, 1);
  e = local_a->pdata[0];
  all_b_before = serah_audit_list (b, NULL, &error);
  g_assert_no_error (error);

  CHECK (serah_server_sync (a, &result, &error));
  g_assert_cmpint (result.pushed_audit_events, >=, 1);
  all_a = serah_audit_list (a, NULL, &error);
  g_assert_no_error (error);
  same_entry = g_strdup_printf ("SELECT count (*) FROM serah.audit_log WHERE desk = '%s'"
                                " AND local_id = %" G_GINT64_FORMAT " AND at = %" G_GINT64_FORMAT
                                " AND operator = 'Siti Aminah' AND action = 'test.audit-sync'"
                                " AND subject = 'kartu 0001'",
                                name_a, e->id, e->at);
  g_assert_cmpint (admin_count (f->db, same_entry), ==, 1);
  desk_a_rows = g_strdup_printf ("SELECT count (*) FROM serah.audit_log WHERE desk = '%s'",
                                 name_a);
  /* Everything desk A had logged up to the end of that sync went, each entry once. */
  g_assert_cmpint (admin_count (f->db, desk_a_rows), ==, (gint64) all_a->len);

  /* Idempotent: nothing new locally, nothing sent again. */
  memset (&result, 0, sizeof result);
  CHECK (serah_server_sync (a, &result, &error));
  g_assert_cmpint (admin_count (f->db, same_entry), ==, 1);

  /* Desk B syncs: its own log gains only its own entries, never A's. */
  CHECK (serah_server_sync (b, NULL, &error));
  local_b = serah_audit_list (b, &test_entries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local_b->len, ==, 0);
  all_b_after = serah_audit_list (b, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all_b_before->len; i++)
    {
      SerahAuditEvent *before = all_b_before->pdata[i];
      gboolean kept = FALSE;

      for (guint j = 0; j < all_b_after->len && !kept; j++)
        {
          SerahAuditEvent *after = all_b_after->pdata[j];
          kept = after->id == before->id && after->at == before->at &&
                 g_strcmp0 (after->action, before->action) == 0 &&
                 g_strcmp0 (after->operator_name, before->operator_name) == 0;
        }
      g_assert_true (kept);
    }
  {
    g_autofree char *b_rows = g_strdup_printf ("SELECT count (*) FROM serah.audit_log"
                                               " WHERE desk = '%s'", name_b);
    g_assert_cmpint (admin_count (f->db, b_rows), ==, (gint64) all_b_after->len);
  }

  /* Append-only: the desk's own login may not change it, nor may the owner. */
  conn = PQconnectdbParams (keys, values, 1);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PGresult *res = PQexec (conn, refused[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
      PQclear (res);
    }
  PQfinish (conn);
  conn = admin_connect (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PGresult *res = PQexec (conn, refused[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
      PQclear (res);
    }
  PQfinish (conn);
  g_assert_cmpint (admin_count (f->db, same_entry), ==, 1);

  /* A server still at schema v2 (no audit log yet) is stale: refused with the clear
   * message, and the desk keeps its log. */
  admin_exec (f->db, "DELETE FROM serah.schema_version WHERE version >= 3");
  {
    const char *name_c = NULL;
    SerahStore *c = add_desk (f, &name_c);
    g_autofree char *url_c = url_for (f->db, name_c);
    g_autofree char *password_c = desk_password (name_c);
    g_autofree char *c_rows = g_strdup_printf ("SELECT count (*) FROM serah.audit_log"
                                               " WHERE desk = '%s'", name_c);

    CHECK (serah_audit_record (c, "Budi", "test.audit-sync", "kartu 0002", NULL, &error));
    g_assert_false (serah_server_link (c, url_c, password_c, NULL, &error));
    g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_SCHEMA_OLD);
    g_clear_error (&error);
    g_clear_pointer (&local_a, g_ptr_array_unref);
    local_a = serah_audit_list (c, &test_entries, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (local_a->len, ==, 1);
    g_assert_cmpint (admin_count (f->db, c_rows), ==, 0);
  }
}

/* Testimonials (schema v3): one recorded at desk A reaches desk B with its text, tags and
 * consent; a withdrawal at B reaches A, and from then on neither desk's exports (all of
 * which start from serah_testimonial_list_public) include it; a resend changes nothing on
 * the server, and a desk may not delete consent events there. */
static void
test_testimonials (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  const char *name_b = f->desk_names->pdata[1];
  g_autofree char *password = desk_password (name_b);
  g_autofree char *url = url_for (f->db, name_b);
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, password, NULL };
  const char *tags[] = { "cepat", "ramah", NULL };
  SerahTestimonialDraft draft = {
    .ceremony_id = f->ceremony, .participant_id = 3, .text = "Pelayanannya cepat sekali.",
    .rating = 5, .tags = tags, .consent = SERAH_CONSENT_NAMED, .operator_name = "siti",
  };
  g_autoptr(GPtrArray) at_a = NULL;
  g_autoptr(GPtrArray) at_b = NULL;
  SerahTestimonialPublic *pub;
  PGconn *conn;
  PGresult *res;

  g_assert_cmpint (serah_testimonial_add (a, &draft, &error), >, 0);
  g_assert_no_error (error);
  CHECK (serah_server_sync (a, NULL, &error));
  CHECK (serah_server_sync (b, NULL, &error));
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 1);
  pub = at_b->pdata[0];
  g_assert_cmpstr (pub->text, ==, "Pelayanannya cepat sekali.");
  g_assert_false (pub->anonymous);
  g_assert_cmpint (pub->rating, ==, 5);
  g_assert_cmpuint (g_strv_length (pub->tags), ==, 2);

  /* Withdrawn at B: final, and honoured by A's exports after A syncs. */
  CHECK (serah_testimonial_set_consent (b, pub->id, SERAH_CONSENT_WITHDRAWN,
                                        "Peserta meminta dihapus", "budi", &error));
  g_clear_pointer (&at_b, g_ptr_array_unref);
  CHECK (serah_server_sync (b, NULL, &error));
  at_a = serah_testimonial_list_public (a, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_a->len, ==, 1);   /* not synced yet */
  g_clear_pointer (&at_a, g_ptr_array_unref);
  CHECK (serah_server_sync (a, NULL, &error));
  at_a = serah_testimonial_list_public (a, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_a->len, ==, 0);
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 0);

  /* Idempotent: the events A pulled and sends on are the same rows. */
  CHECK (serah_server_sync (a, NULL, &error));
  CHECK (serah_server_sync (b, NULL, &error));
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonials"), ==, 1);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonial_consents"), ==, 2);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonial_consents"
                                       " WHERE consent = 'withdrawn' AND operator = 'budi'"),
                   ==, 1);

  conn = PQconnectdbParams (keys, values, 1);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, "DELETE FROM serah.testimonial_consents WHERE consent = 'withdrawn'");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
  PQclear (res);
  PQfinish (conn);
}

/* The register's push streams by COPY; a network cut in the middle of the COPY (the socket
 * shut down under libpq after the rows went out, before the end of the COPY) fails the sync
 * and leaves nothing on the server; the next sync sends the import again, and the server
 * holds each participant once, under one import. */
static void
test_register_copy_cut (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  g_autofree char *list = write_register_csv (f, "sukamaju.csv", G_MAXUINT, NULL);
  SerahServerSyncResult r;

  import_ok (a, list, N_REGISTER);
  g_object_set_data (G_OBJECT (a), "serah-test-cut-copy-after", GINT_TO_POINTER (1));
  g_assert_false (serah_server_sync (a, &r, &error));
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_object_set_data (G_OBJECT (a), "serah-test-cut-copy-after", NULL);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.participant_versions"), ==,
                   0);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.imports"), ==, 0);

  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, N_REGISTER);
  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, 0);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.participant_versions"), ==,
                   N_REGISTER);
  g_assert_cmpint (admin_count (f->db, "SELECT count (DISTINCT nik) FROM"
                                       " serah.participant_versions"), ==, N_REGISTER);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.imports"), ==, 1);
  /* A version belongs to the import its session just sent: a desk may not name another. */
  {
    const char *name_a = f->desk_names->pdata[0];
    g_autofree char *password = desk_password (name_a);
    g_autofree char *url = url_for (f->db, name_a);
    const char *keys[] = { "dbname", "password", NULL };
    const char *values[] = { url, password, NULL };
    PGconn *conn = PQconnectdbParams (keys, values, 1);
    PGresult *res;

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    res = PQexec (conn, "INSERT INTO serah.participant_versions (import_seq, nik, card_no, name,"
                        " sex) VALUES (1, '3601059999990009', '0009999999990', 'Palsu', 'L')");
    g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
    g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
    PQclear (res);
    PQfinish (conn);
  }
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.participant_versions v"
                                       " JOIN serah.imports i ON i.seq = v.import_seq"), ==,
                   N_REGISTER);
  /* COPY's text format keeps the values: a known person's row as the desk has it. */
  {
    g_autofree char *nik5 = register_nik (5);
    g_autoptr(SerahParticipant) p = serah_participants_find_by_nik (a, nik5, &error);
    g_autofree char *sql = NULL;

    g_assert_no_error (error);
    sql = g_strdup_printf ("SELECT count (*) FROM serah.participant_versions WHERE nik = '%s'"
                           " AND card_no = '%s' AND name = '%s' AND address = '%s'"
                           " AND birth_date IS NOT DISTINCT FROM nullif ('%s', '')",
                           p->nik, p->card_no, p->name, p->address, p->birth_date);
    g_assert_cmpint (admin_count (f->db, sql), ==, 1);
  }
}

static SerahOperator *
sign_in (SerahStore *store, const char *name, const char *pin, GError **error)
{
  return serah_operators_authenticate (store, name, pin, error);
}

static char *
pin_hash_of (SerahStore *store, const char *name)
{
  g_autoptr(GError) error = NULL;
  char *hash = NULL;
  g_autoptr(SerahOperator) op = serah_store_get_operator (store, name, &hash, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
  return hash;
}

/* Operators travel as events with their PIN hashes (never PINs): an operator added at desk A
 * signs in at desk B, which never saw the admin add it; a PIN changed at A and a disable at B
 * while apart both survive at both desks; wrong PINs (failure counters) stay at their desk;
 * the desk's login cannot change or delete the events, nor can the owner. */
static void
test_operators (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  const char *name_a = f->desk_names->pdata[0];
  g_autofree char *password = desk_password (name_a);
  g_autofree char *url = url_for (f->db, name_a);
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, password, NULL };
  const char *refused[] = {
    "UPDATE serah.operator_events SET pin_hash = '$argon2id$x' WHERE name = 'sari'",
    "DELETE FROM serah.operator_events",
    "TRUNCATE serah.operator_events",
  };
  g_autoptr(SerahOperator) op = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *hash_a = NULL;
  g_autofree char *hash_b = NULL;
  PGconn *conn;

  /* B is set up empty: nobody can sign in there yet. */
  g_assert_null (serah_operators_get (b, "sari", &error));
  g_clear_error (&error);

  CHECK (serah_operators_add (a, "admin", "Admin Kantor", SERAH_ROLE_ADMIN, "481526", "admin",
                              &error));
  CHECK (serah_operators_add (a, "sari", "Sari Wulandari", SERAH_ROLE_OFFICER, "739164",
                              "admin", &error));
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  op = sign_in (b, "sari", "739164", &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
  g_assert_cmpstr (op->full_name, ==, "Sari Wulandari");
  g_assert_cmpint (op->role, ==, SERAH_ROLE_OFFICER);
  g_clear_pointer (&op, serah_operator_free);
  /* Hashes only on the server, never a PIN. */
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.operator_events"), ==, 2);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.operator_events"
                                       " WHERE kind = 'add' AND pin_hash LIKE '$argon2id$%'"
                                       " AND position ('739164' IN pin_hash) = 0"
                                       " AND position ('481526' IN pin_hash) = 0"), ==, 2);

  /* A wrong PIN at B is counted at B only. */
  g_assert_null (sign_in (b, "sari", "000111", &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);

  /* Apart: A gives sari a new PIN, B disables her. */
  old_hash = pin_hash_of (a, "sari");
  CHECK (serah_operators_set_pin (a, "sari", "582943", "admin", &error));
  CHECK (serah_operators_disable (b, "sari", "admin", &error));
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  sync_ok (a, NULL);
  hash_a = pin_hash_of (a, "sari");
  hash_b = pin_hash_of (b, "sari");
  g_assert_cmpstr (hash_a, ==, hash_b);
  g_assert_cmpstr (hash_a, !=, old_hash);
  op = serah_operators_get (a, "sari", &error);
  g_assert_no_error (error);
  g_assert_true (op->disabled);
  g_assert_cmpint (op->failed_attempts, ==, 0);
  g_clear_pointer (&op, serah_operator_free);
  op = serah_operators_get (b, "sari", &error);
  g_assert_no_error (error);
  g_assert_true (op->disabled);
  g_clear_pointer (&op, serah_operator_free);
  g_assert_null (sign_in (b, "sari", "582943", &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_DISABLED);
  g_clear_error (&error);

  /* Enabled again at A: the new PIN signs in at B, the old one does not. */
  CHECK (serah_operators_enable (a, "sari", "admin", &error));
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  g_assert_null (sign_in (b, "sari", "739164", &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  op = sign_in (b, "sari", "582943", &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
  g_clear_pointer (&op, serah_operator_free);
  /* A resend adds nothing; pulled changes were not echoed back as new events. */
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.operator_events"), ==, 5);
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.operator_events"), ==, 5);

  /* Append-only for the desk's login (no privilege) and for the owner (the triggers). */
  conn = PQconnectdbParams (keys, values, 1);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PGresult *res = PQexec (conn, refused[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, "42501");
      PQclear (res);
    }
  PQfinish (conn);
  conn = admin_connect (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      PGresult *res = PQexec (conn, refused[i]);
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_FATAL_ERROR);
      g_assert_nonnull (strstr (PQresultErrorMessage (res), "append-only"));
      PQclear (res);
    }
  PQfinish (conn);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.operator_events"), ==, 5);
}

/* A participant changed at a desk outside an import (a name correction asked for through
 * feedback and carried out by a reprint) reaches the other desks as a new version, the
 * current one everywhere; it is sent once. */
static void
test_participant_edit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(SerahParticipant) on_b = NULL;
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "koreksi.pdf", NULL);
  SerahFeedbackDraft wrong_name = { "meja", "data-salah", NULL, "Nama di kartu salah eja",
                                    NULL, 0, 0 };
  SerahPrintResult printed = { 0 };
  SerahServerSyncResult r;
  gint64 feedback, correction;

  sync_ok (a, NULL);
  sync_ok (b, NULL);
  p = serah_participants_get (a, 4, &error);
  g_assert_no_error (error);
  wrong_name.card_no = p->card_no;
  feedback = serah_feedback_record (a, &wrong_name, "siti", &error);
  g_assert_no_error (error);
  correction = serah_correction_request (a, feedback, "Nama Yang Benar", "siti", &error);
  g_assert_no_error (error);
  template_ = serah_card_template_load ("kis", &error);
  g_assert_no_error (error);
  sheet = serah_sheet_load ("cr80", &error);
  g_assert_no_error (error);
  CHECK (serah_correction_reprint (a, correction, template_, sheet, NULL, "siti", pdf, &printed,
                                   &error));

  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, 1);
  sync_ok (b, &r);
  g_assert_cmpint (r.pulled_participants, ==, 1);
  on_b = serah_participants_find_by_nik (b, p->nik, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (on_b->name, ==, "Nama Yang Benar");
  sync_ok (a, &r);
  g_assert_cmpint (r.pushed_participants, ==, 0);
  g_assert_cmpint (r.pulled_participants, ==, 0);
  sync_ok (b, &r);
  g_assert_cmpint (r.pushed_participants + r.pulled_participants, ==, 0);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.participant_versions"
                                       " WHERE name = 'Nama Yang Benar'"), ==, 1);
}

/* A testimonial whose participant a desk does not know yet (the import that brought the
 * person has not reached the server) is not skipped for ever: it waits, and the desk picks it
 * up, with its consent, at the first sync after the participant arrives. */
static void
test_testimonial_pending (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahStore *a = add_linked_desk (f);
  SerahStore *b = add_linked_desk (f);
  g_autofree char *list = write_register_csv (f, "sukamaju.csv", G_MAXUINT, NULL);
  g_autofree char *nik5 = register_nik (5);
  g_autofree char *pending = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GPtrArray) at_b = NULL;
  SerahTestimonialDraft draft = {
    .ceremony_id = f->ceremony, .text = "Kartunya cepat jadi.", .rating = 4,
    .consent = SERAH_CONSENT_NAMED, .operator_name = "siti",
  };

  import_ok (a, list, N_REGISTER);
  p = serah_participants_find_by_nik (a, nik5, &error);
  g_assert_no_error (error);
  draft.participant_id = p->id;
  g_assert_cmpint (serah_testimonial_add (a, &draft, &error), >, 0);
  g_assert_no_error (error);
  /* A's import is held back (as if it had not reached the server yet); the testimonial goes. */
  CHECK (serah_store_set_setting_int (a, "server.push-import-id", G_MAXINT32, &error));
  sync_ok (a, NULL);
  g_assert_cmpint (admin_count (f->db, "SELECT count (*) FROM serah.testimonials"), ==, 1);
  sync_ok (b, NULL);
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 0);
  g_clear_pointer (&at_b, g_ptr_array_unref);
  pending = serah_store_get_setting (b, "server.pending-testimonials");
  g_assert_nonnull (pending);
  g_assert_cmpuint (strlen (pending), ==, 36);
  g_clear_pointer (&pending, g_free);
  /* Still unknown at the next sync: still waiting. */
  sync_ok (b, NULL);
  pending = serah_store_get_setting (b, "server.pending-testimonials");
  g_assert_cmpuint (strlen (pending), ==, 36);
  g_clear_pointer (&pending, g_free);

  /* The import arrives; B's next sync brings the person, then the testimonial. */
  CHECK (serah_store_set_setting_int (a, "server.push-import-id", 0, &error));
  sync_ok (a, NULL);
  sync_ok (b, NULL);
  at_b = serah_testimonial_list_public (b, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_b->len, ==, 1);
  g_assert_cmpstr (((SerahTestimonialPublic *) at_b->pdata[0])->text, ==,
                   "Kartunya cepat jadi.");
  pending = serah_store_get_setting (b, "server.pending-testimonials");
  g_assert_cmpstr (pending, ==, "");
}

/* ---- a cut between a desk and the server, through a TCP proxy the test controls ---- */

typedef struct {
  int        listen_fd;
  int        port;
  int        wake[2];      /* a byte here: cut everything */
  GPtrArray *fds;          /* pairs: desk side, server side */
  GThread   *thread;
} Proxy;

static int
connect_server (void)
{
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons (pg_port),
                            .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &to, sizeof to), ==, 0);
  return fd;
}

/* Forwards bytes both ways until the wake pipe says cut; then closes every socket, as a
 * router that goes away does to both ends. */
static gpointer
proxy_run (gpointer data)
{
  Proxy *p = data;

  for (;;)
    {
      guint n = 2 + p->fds->len;
      g_autofree struct pollfd *pfd = g_new0 (struct pollfd, n);

      pfd[0] = (struct pollfd) { .fd = p->wake[0], .events = POLLIN };
      pfd[1] = (struct pollfd) { .fd = p->listen_fd, .events = POLLIN };
      for (guint i = 0; i < p->fds->len; i++)
        pfd[2 + i] = (struct pollfd) { .fd = GPOINTER_TO_INT (p->fds->pdata[i]), .events = POLLIN };
      if (poll (pfd, n, -1) < 0)
        continue;
      if (pfd[0].revents)
        break;
      if (pfd[1].revents & POLLIN)
        {
          int desk = accept4 (p->listen_fd, NULL, NULL, SOCK_CLOEXEC);
          if (desk >= 0)
            {
              g_ptr_array_add (p->fds, GINT_TO_POINTER (desk));
              g_ptr_array_add (p->fds, GINT_TO_POINTER (connect_server ()));
            }
          continue;
        }
      for (guint i = 0; i < p->fds->len; i++)
        if (pfd[2 + i].revents)
          {
            char buffer[16384];
            int from = GPOINTER_TO_INT (p->fds->pdata[i]);
            int to = GPOINTER_TO_INT (p->fds->pdata[i ^ 1]);
            ssize_t got = read (from, buffer, sizeof buffer);

            if (got <= 0)
              {
                /* One end closed: close the pair. */
                guint pair = i & ~1u;
                close (GPOINTER_TO_INT (p->fds->pdata[pair]));
                close (GPOINTER_TO_INT (p->fds->pdata[pair + 1]));
                g_ptr_array_remove_range (p->fds, pair, 2);
                break;
              }
            for (ssize_t done = 0; done < got;)
              {
                ssize_t w = send (to, buffer + done, got - done, MSG_NOSIGNAL);
                if (w <= 0)
                  break;
                done += w;
              }
          }
    }
  for (guint i = 0; i < p->fds->len; i++)
    close (GPOINTER_TO_INT (p->fds->pdata[i]));
  g_ptr_array_set_size (p->fds, 0);
  close (p->listen_fd);
  return NULL;
}

static void
proxy_start (Proxy *p)
{
  struct sockaddr_in at = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof at;

  p->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (bind (p->listen_fd, (struct sockaddr *) &at, sizeof at), ==, 0);
  g_assert_cmpint (listen (p->listen_fd, 8), ==, 0);
  g_assert_cmpint (getsockname (p->listen_fd, (struct sockaddr *) &at, &len), ==, 0);
  p->port = ntohs (at.sin_port);
  g_assert_cmpint (pipe2 (p->wake, O_CLOEXEC), ==, 0);
  p->fds = g_ptr_array_new ();
  p->thread = g_thread_new ("proxy", proxy_run, p);
}

static void
proxy_cut (Proxy *p)
{
  g_assert_cmpint (write (p->wake[1], "x", 1), ==, 1);
  g_thread_join (p->thread);
  close (p->wake[0]);
  close (p->wake[1]);
  g_ptr_array_unref (p->fds);
}

static int
tcp_option (int fd, int level, int name)
{
  int value = -1;
  socklen_t len = sizeof value;

  g_assert_cmpint (getsockopt (fd, level, name, &value, &len), ==, 0);
  return value;
}

/* A desk linked over TCP notices a cut: its connection carries TCP keepalives and a user
 * timeout, so that the kernel itself gives up on a silent cut (no FIN, no RST: about 10 s
 * idle, 6 s with data in flight); a cut that closes the connection (the proxy here) is heard
 * by the waiting desk at once, and the desk then records locally. The time from the cut to
 * "offline" is reported, not asserted. */
static void
test_network_cut (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  SerahStore *desk = add_desk (f, &name);
  g_autofree char *password = desk_password (name);
  g_autofree char *url = NULL;
  g_autoptr(SerahHandover) h = NULL;
  Proxy proxy = { 0 };
  PGconn *conn;
  gint64 cut_at, offline_at;
  gboolean heard;

  proxy_start (&proxy);
  url = g_strdup_printf ("postgresql://%s@127.0.0.1:%d/%s?sslmode=disable", name, proxy.port,
                         f->db);
  CHECK (serah_server_link (desk, url, password, NULL, &error));
  sync_ok (desk, NULL);
  conn = serah_server_link_get (desk)->conn;
  g_assert_nonnull (conn);
  g_assert_cmpint (tcp_option (PQsocket (conn), SOL_SOCKET, SO_KEEPALIVE), ==, 1);
  g_assert_cmpint (tcp_option (PQsocket (conn), IPPROTO_TCP, TCP_KEEPIDLE), ==, 4);
  g_assert_cmpint (tcp_option (PQsocket (conn), IPPROTO_TCP, TCP_KEEPINTVL), ==, 2);
  g_assert_cmpint (tcp_option (PQsocket (conn), IPPROTO_TCP, TCP_KEEPCNT), ==, 3);
  g_assert_cmpint (tcp_option (PQsocket (conn), IPPROTO_TCP, TCP_USER_TIMEOUT), ==, 6000);

  /* Listening (the first wait only starts to listen). */
  CHECK (serah_server_wait (desk, 0, &error));
  cut_at = g_get_monotonic_time ();
  proxy_cut (&proxy);
  heard = serah_server_wait (desk, 60000, &error);
  offline_at = g_get_monotonic_time ();
  g_assert_false (heard);
  g_assert_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_test_message ("network cut (connection closed): offline after %.1f ms",
                  (offline_at - cut_at) / 1000.0);
  g_assert_cmpint (state_of (desk), ==, SERAH_SERVER_OFFLINE);

  /* The desk records locally at once, and says what waits to be sent. */
  h = hand_over (desk, f->ceremony, 1, "meja-1");
  g_assert_nonnull (h);
  {
    g_autoptr(SerahServerStatus) status = serah_server_get_status (desk, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status->pending_handovers, ==, 1);
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cluster_create ();

  g_test_add ("/serah/server/link-keeps-password-out", Fixture, NULL, fixture_setup,
              test_link_keeps_password_out, fixture_teardown);
  g_test_add ("/serah/server/wrong-password", Fixture, NULL, fixture_setup, test_wrong_password,
              fixture_teardown);
  g_test_add ("/serah/server/race-two-desks", Fixture, GUINT_TO_POINTER (2), fixture_setup,
              test_race, fixture_teardown);
  g_test_add ("/serah/server/race-five-desks", Fixture, GUINT_TO_POINTER (5), fixture_setup,
              test_race, fixture_teardown);
  g_test_add ("/serah/server/refusal-names-desk-and-undo", Fixture, NULL, fixture_setup,
              test_refusal_names_desk_and_undo, fixture_teardown);
  g_test_add ("/serah/server/cut-off-and-back", Fixture, NULL, fixture_setup,
              test_cut_off_and_back, fixture_teardown);
  g_test_add ("/serah/server/append-only-and-least-rights", Fixture, NULL, fixture_setup,
              test_append_only_and_least_rights, fixture_teardown);
  g_test_add ("/serah/server/schema-versions", Fixture, NULL, fixture_setup,
              test_schema_versions, fixture_teardown);
  g_test_add ("/serah/server/listen-notify", Fixture, NULL, fixture_setup, test_listen_notify,
              fixture_teardown);

  g_test_add ("/serah/server/tls-verify-full", Fixture, NULL, fixture_setup, test_tls,
              fixture_teardown);
  g_test_add ("/serah/server/one-register", Fixture, NULL, fixture_setup, test_one_register,
              fixture_teardown);
  g_test_add ("/serah/server/register-card-conflict", Fixture, NULL, fixture_setup,
              test_register_card_conflict, fixture_teardown);
  g_test_add ("/serah/server/restart-under-load", Fixture, NULL, fixture_setup,
              test_restart_under_load, fixture_teardown);
  g_test_add ("/serah/server/audit-log", Fixture, NULL, fixture_setup, test_audit_log,
              fixture_teardown);
  g_test_add ("/serah/server/testimonials", Fixture, NULL, fixture_setup, test_testimonials,
              fixture_teardown);
  g_test_add ("/serah/server/register-copy-cut", Fixture, NULL, fixture_setup,
              test_register_copy_cut, fixture_teardown);
  g_test_add ("/serah/server/operators", Fixture, NULL, fixture_setup, test_operators,
              fixture_teardown);
  g_test_add ("/serah/server/participant-edit", Fixture, NULL, fixture_setup,
              test_participant_edit, fixture_teardown);
  g_test_add ("/serah/server/testimonial-pending", Fixture, NULL, fixture_setup,
              test_testimonial_pending, fixture_teardown);
  g_test_add ("/serah/server/network-cut", Fixture, NULL, fixture_setup, test_network_cut,
              fixture_teardown);

  status = g_test_run ();
  pg_stop ();
  serah_test_rm_rf (pg_dir);
  return status;
}
